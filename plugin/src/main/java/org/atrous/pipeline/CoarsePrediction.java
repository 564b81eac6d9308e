package org.atrous.pipeline;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.model.BilinearResampler;
import org.atrous.model.ProbabilityVolume;

/**
 * A deliberately coarse prediction made from exact labels: each class's one-hot map is
 * averaged down by a factor in-plane, brought back bilinearly and blurred, which is what a
 * low-resolution network output looks like at organ boundaries. Used to show what the CRF
 * recovers, independent of any trained model.
 */
public final class CoarsePrediction {

    private CoarsePrediction() { }

    public static ProbabilityVolume of(LabelVolume truth, int factor, double blurSdPixels) {
        Geometry g = truth.geometry();
        int nx = g.nx(), ny = g.ny(), plane = nx * ny, classes = truth.classes().size() + 1;
        int cw = Math.max(1, nx / factor), ch = Math.max(1, ny / factor);
        ProbabilityVolume p = new ProbabilityVolume(g, classes);
        float[][] maps = new float[classes][];
        for (int z = 0; z < g.nz(); z++) {
            float sum[] = new float[plane];
            for (int c = 0; c < classes; c++) {
                float[] oneHot = new float[plane];
                for (int i = 0; i < plane; i++) if ((truth.labels()[z * plane + i] & 0xff) == c) oneHot[i] = 1;
                float[] small = BilinearResampler.resample(boxDown(oneHot, nx, ny, cw, ch), cw, ch, nx, ny);
                maps[c] = blur(small, nx, ny, blurSdPixels);
                for (int i = 0; i < plane; i++) sum[i] += maps[c][i];
            }
            for (int c = 0; c < classes; c++) {
                for (int i = 0; i < plane; i++) p.set(c, z * plane + i, maps[c][i] / Math.max(1e-6f, sum[i]));
            }
        }
        return p;
    }

    /** Mean over blocks: the share of each coarse pixel a class covers. */
    private static float[] boxDown(float[] src, int w, int h, int cw, int ch) {
        float[] out = new float[cw * ch];
        int[] n = new int[cw * ch];
        for (int y = 0; y < h; y++) {
            int cy = Math.min(ch - 1, y * ch / h);
            for (int x = 0; x < w; x++) {
                int k = cy * cw + Math.min(cw - 1, x * cw / w);
                out[k] += src[y * w + x];
                n[k]++;
            }
        }
        for (int k = 0; k < out.length; k++) out[k] /= Math.max(1, n[k]);
        return out;
    }

    /** Separable Gaussian blur, edges clamped. */
    static float[] blur(float[] src, int w, int h, double sd) {
        if (sd <= 0) return src;
        int r = (int) Math.ceil(3 * sd);
        float[] k = new float[2 * r + 1];
        float ks = 0;
        for (int i = -r; i <= r; i++) ks += k[i + r] = (float) Math.exp(-i * i / (2 * sd * sd));
        for (int i = 0; i < k.length; i++) k[i] /= ks;
        float[] tmp = new float[src.length], out = new float[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float s = 0;
                for (int i = -r; i <= r; i++) s += k[i + r] * src[y * w + Math.min(w - 1, Math.max(0, x + i))];
                tmp[y * w + x] = s;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float s = 0;
                for (int i = -r; i <= r; i++) s += k[i + r] * tmp[Math.min(h - 1, Math.max(0, y + i)) * w + x];
                out[y * w + x] = s;
            }
        }
        return out;
    }
}
