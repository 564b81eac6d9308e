package org.atrous.cli;

import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code atrous crf-bench}: times the CRF on a synthetic case of any size (for the volumes that
 * have no reference files): L-1 ellipsoids on a background, image = 40 + 50 * label + noise,
 * unary = -log of a noisy, partly wrong probability map, as the reference cases were made.
 */
@Command(name = "crf-bench", mixinStandardHelpOptions = true,
        description = "Time the DenseCRF on a synthetic image and unary of the given size.")
public final class CrfBenchCommand implements Callable<Integer> {

    @Option(names = "--width", required = true) int width;
    @Option(names = "--height", required = true) int height;
    @Option(names = "--depth", defaultValue = "1") int depth;
    @Option(names = "--labels", defaultValue = "3") int labels;
    @Option(names = "--repeat", defaultValue = "5") int repeat;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Mixin CrfKernelOptions kernel = new CrfKernelOptions();

    @Override
    public Integer call() {
        if (width < 1 || height < 1 || depth < 1 || labels < 2 || labels > 255 || repeat < 1) {
            System.err.println("atrous crf-bench: sizes must be positive, labels 2..255, repeat >= 1");
            return 1;
        }
        try {
            kernel.validate();
        } catch (IllegalArgumentException e) {
            System.err.println("atrous crf-bench: " + e.getMessage());
            return 1;
        }
        int[] dims = {width, height, depth};
        int n = width * height * depth;
        byte[] truth = truth(dims);
        float[] image = new float[n];
        float[] unary = new float[n * labels];
        synthesize(truth, image, unary, n);
        truth = null;
        Runtime rt = Runtime.getRuntime();
        System.out.printf("synthetic %dx%dx%d L=%d, %d threads, max heap %d MB%n", width, height, depth, labels,
                rt.availableProcessors(), rt.maxMemory() >> 20);
        CrfTiming.run(() -> kernel.build(dims, labels, unary, image), kernel.iterations, repeat, System.out);
        System.gc();
        System.out.printf("heap used after run %d MB%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
        return 0;
    }

    /** Label map: label k (1..L-1) is an ellipsoid centred along the diagonal. */
    private byte[] truth(int[] dims) {
        byte[] t = new byte[width * height * depth];
        for (int k = 1; k < labels; k++) {
            double cx = width * (k + 0.5) / labels;
            double cy = height * (labels - k - 0.5) / labels;
            double cz = depth / 2.0;
            double rx = width / (1.5 * labels);
            double ry = height / (1.5 * labels);
            double rz = Math.max(1, depth / 3.0);
            for (int z = 0; z < depth; z++) {
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        double q = sq((x - cx) / rx) + sq((y - cy) / ry) + (depth > 1 ? sq((z - cz) / rz) : 0);
                        if (q <= 1) t[(z * height + y) * width + x] = (byte) k;
                    }
                }
            }
        }
        return t;
    }

    private void synthesize(byte[] truth, float[] image, float[] unary, int n) {
        Random rnd = new Random(seed);
        float[] p = new float[labels];
        for (int i = 0; i < n; i++) {
            int t = truth[i];
            image[i] = (float) Math.max(0, Math.min(255, 40 + 50 * t + 10 * rnd.nextGaussian()));
            int shown = rnd.nextDouble() < 0.2 ? rnd.nextInt(labels) : t;
            float sum = 0;
            for (int l = 0; l < labels; l++) {
                p[l] = (l == shown ? 0.5f : 0.5f / (labels - 1)) * (0.5f + rnd.nextFloat());
                sum += p[l];
            }
            for (int l = 0; l < labels; l++) unary[l * n + i] = (float) -Math.log(p[l] / sum);
        }
    }

    private static double sq(double v) {
        return v * v;
    }
}
