package org.atrous.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bilinear resizing as two matrix products, {@code out = Ah · X · Aw^T}, which is exact,
 * linear, and therefore differentiable by the transposed products.
 *
 * <p>Convention: align_corners = false, the default of PyTorch's {@code F.interpolate} used by
 * torchvision's DeepLab: output pixel centre i maps to source coordinate
 * {@code (i + 0.5) * in / out - 0.5}, clamped at 0, and the far neighbour is clamped at the
 * last row or column.
 */
public final class BilinearInterpolation {

    private BilinearInterpolation() { }

    /** The {@code out × in} interpolation matrix along one axis. */
    public static INDArray matrix(int out, int in, DataType type) {
        double[][] a = new double[out][in];
        double scale = (double) in / out;
        for (int i = 0; i < out; i++) {
            double src = Math.max((i + 0.5) * scale - 0.5, 0.0);
            int i0 = Math.min((int) Math.floor(src), in - 1);
            int i1 = Math.min(i0 + 1, in - 1);
            double lambda = src - i0;
            a[i][i0] += 1.0 - lambda;
            a[i][i1] += lambda;
        }
        return Nd4j.create(a).castTo(type);
    }

    /**
     * {@code rows · x · cols^T} on every channel of every example of {@code x [N, C, h, w]},
     * with {@code rows [H, h]} and {@code cols [W, w]}; returns {@code [N, C, H, W]}.
     */
    public static INDArray apply(INDArray x, INDArray rows, INDArray cols) {
        long n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        long outH = rows.size(0), outW = cols.size(0);
        // Along W: one product over all N*C*h rows.
        INDArray alongW = x.dup('c').reshape('c', n * c * h, w).mmul(cols.transpose());
        // Along H: bring h to the front so that one product covers all N*C*W columns.
        INDArray hFirst = alongW.reshape('c', n * c, h, outW).permute(1, 0, 2).dup('c')
                .reshape('c', h, n * c * outW);
        INDArray alongH = rows.mmul(hFirst);
        return alongH.reshape('c', outH, n * c, outW).permute(1, 0, 2).dup('c')
                .reshape('c', n, c, outH, outW);
    }

    /** Resizes {@code x [N, C, h, w]} to {@code height × width}. */
    public static INDArray resize(INDArray x, int height, int width) {
        DataType t = x.dataType();
        return apply(x, matrix(height, (int) x.size(2), t), matrix(width, (int) x.size(3), t));
    }
}
