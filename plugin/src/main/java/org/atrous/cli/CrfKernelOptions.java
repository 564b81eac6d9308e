package org.atrous.cli;

import org.atrous.crf.Compatibility;
import org.atrous.crf.DenseCrf;
import org.atrous.crf.GridFeatures;
import picocli.CommandLine.Option;

/** The pairwise-kernel options shared by {@code crf} and {@code crf-bench} (reference defaults). */
final class CrfKernelOptions {

    @Option(names = "--gaussian-sxy", defaultValue = "3", description = "smoothness kernel sd (mm; voxels with spacing 1) [${DEFAULT-VALUE}]")
    double gaussianSxy;

    @Option(names = "--gaussian-weight", defaultValue = "3", description = "smoothness kernel Potts weight [${DEFAULT-VALUE}]")
    double gaussianWeight;

    @Option(names = "--bilateral-sxy", defaultValue = "80", description = "appearance kernel spatial sd [${DEFAULT-VALUE}]")
    double bilateralSxy;

    @Option(names = "--bilateral-si", defaultValue = "13", description = "appearance kernel intensity sd [${DEFAULT-VALUE}]")
    double bilateralSi;

    @Option(names = "--bilateral-weight", defaultValue = "10", description = "appearance kernel Potts weight [${DEFAULT-VALUE}]")
    double bilateralWeight;

    @Option(names = "--iterations", defaultValue = "5", description = "mean-field iterations [${DEFAULT-VALUE}]")
    int iterations;

    @Option(names = "--rgb-replicate", description = "2D: bilateral feature (x, y, g, g, g) as the reference builds it from a gray image")
    boolean rgbReplicate;

    @Option(names = "--spacing", split = ",", defaultValue = "1,1,1", description = "voxel spacing x,y,z in mm [${DEFAULT-VALUE}]")
    double[] spacing;

    /** Checks values before any file is read. */
    void validate() {
        positive("--gaussian-sxy", gaussianSxy);
        positive("--bilateral-sxy", bilateralSxy);
        positive("--bilateral-si", bilateralSi);
        if (iterations < 0) throw new IllegalArgumentException("--iterations must be >= 0");
        if (spacing.length != 3) throw new IllegalArgumentException("--spacing needs three values x,y,z");
        for (double s : spacing) positive("--spacing", s);
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + " must be positive, got " + v);
    }

    /** A CRF with the unary and the two kernels of these options. */
    DenseCrf build(int[] dims, int labels, float[] unary, float[] image) {
        int copies = rgbReplicate && dims[2] == 1 ? 3 : 1;
        return new DenseCrf(dims[0] * dims[1] * dims[2], labels)
                .setUnaryEnergy(unary)
                .addPairwise(GridFeatures.spatial(dims, spacing, gaussianSxy), Compatibility.potts(gaussianWeight))
                .addPairwise(GridFeatures.bilateral(dims, spacing, bilateralSxy, image, bilateralSi, copies),
                        Compatibility.potts(bilateralWeight));
    }
}
