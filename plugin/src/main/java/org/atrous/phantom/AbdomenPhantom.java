package org.atrous.phantom;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.Volume;
import org.atrous.progress.ProgressListener;

/**
 * Generates a synthetic contrast-enhanced abdominal CT with exact ground truth, deterministic
 * from {@link PhantomOptions#seed()}: same seed and options give identical voxels whatever the
 * number of threads, because every random draw comes from generators split off the seed in a
 * fixed order before the slices are painted in parallel.
 *
 * <p>Realism: tissue values in anatomical ranges, partial volume across the slice thickness
 * (each slice averages sub-planes spread over its thickness; labels are those of the slice
 * centre), a small in-plane blur for the scanner's point spread, in-plane correlated noise
 * (white noise through a Gaussian, renormalised to the asked standard deviation) and optional
 * streaks.
 */
public final class AbdomenPhantom {
    private static final double PSF_SIGMA_PX = 0.6;
    private static final double NOISE_SIGMA_PX = 0.9;

    private AbdomenPhantom() { }

    public static Phantom generate(PhantomOptions o, ProgressListener listener) {
        SplittableRandom master = new SplittableRandom(o.seed());
        Anatomy anatomy = new Anatomy(master.split(), o.tumours());
        SplittableRandom placement = master.split();
        double offsetX = placement.nextDouble(-15, 15), offsetY = placement.nextDouble(-10, 10);
        double zCentre = placement.nextDouble(5, 25);
        long[] sliceSeeds = master.split().longs(o.slices()).toArray();

        int n = o.size(), nz = o.slices();
        double ps = o.effectivePixelSpacing();
        Geometry g = new Geometry(new int[] {n, n, nz}, new double[] {ps, ps, o.sliceSpacing()},
                new double[] {-(n - 1) * ps / 2, -(n - 1) * ps / 2, -(nz - 1) * o.sliceSpacing() / 2},
                new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        double[] xs = new double[n], ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = g.origin()[0] + i * ps - offsetX;
            ys[i] = g.origin()[1] + i * ps - offsetY;
        }
        SlicePainter painter = new SlicePainter(anatomy, xs, ys);
        float[] hu = new float[(int) g.voxelCount()];
        byte[] labels = new byte[hu.length];
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, nz).parallel().forEach(z -> {
            listener.checkCanceled();
            double anatomicalZ = g.origin()[2] + z * o.sliceSpacing() + zCentre;
            renderSlice(o, painter, anatomicalZ, new SplittableRandom(sliceSeeds[z]), hu, labels, z * n * n);
            listener.progress("phantom", done.incrementAndGet() / (double) nz);
        });
        Volume ct = new Volume(hu, g, PhantomIdentity.series(o), PhantomIdentity.slices(o),
                new double[] {40, 400}, List.of());
        return new Phantom(ct, new LabelVolume(labels, g, PhantomClasses.ALL), anatomy.tumours.size(), o);
    }

    private static void renderSlice(PhantomOptions o, SlicePainter painter, double z, SplittableRandom rng,
                                    float[] hu, byte[] labels, int offset) {
        int nn = o.size() * o.size();
        int sub = subPlanes(o);
        float[] sum = new float[nn], plane = new float[nn];
        byte[] lab = new byte[nn];
        for (int j = 0; j < sub; j++) {
            double dz = (j - (sub - 1) / 2.0) * o.thickness() / sub;
            painter.paint(z + dz, plane, lab);
            for (int i = 0; i < nn; i++) sum[i] += plane[i];
            if (j == (sub - 1) / 2) System.arraycopy(lab, 0, labels, offset, nn);
        }
        for (int i = 0; i < nn; i++) sum[i] /= sub;
        Gauss.blur(sum, o.size(), o.size(), PSF_SIGMA_PX);
        addNoise(o, rng, sum);
        if (o.streaks()) Streaks.add(sum, o.size(), painter.spineCentre(), rng);
        for (int i = 0; i < nn; i++) hu[offset + i] = Math.max(-1024f, Math.min(3071f, sum[i]));
    }

    /** Odd number of sub-planes across the slice thickness, so the middle one is the slice centre. */
    static int subPlanes(PhantomOptions o) {
        double ratio = o.thickness() / o.effectivePixelSpacing();
        return ratio <= 1.5 ? 1 : ratio <= 3 ? 3 : 5;
    }

    /** The slice noise of {@link #generate}: {@code o.noiseSd()} HU, correlated in-plane. */
    static void addNoise(PhantomOptions o, SplittableRandom rng, float[] img) {
        if (o.noiseSd() == 0) return;
        float[] noise = new float[img.length];
        for (int i = 0; i < noise.length; i++) noise[i] = nearGaussian(rng);
        Gauss.blur(noise, o.size(), o.size(), NOISE_SIGMA_PX);
        double gain = o.noiseSd() / Gauss.noiseGain(NOISE_SIGMA_PX);
        for (int i = 0; i < img.length; i++) img[i] += (float) (noise[i] * gain);
    }

    /**
     * Zero-mean, unit-variance noise from one 64-bit draw: the sum of four 16-bit uniforms
     * (Irwin–Hall), close to Gaussian already and more so after the correlating filter, at a
     * tenth of the cost of Box–Muller. Depends only on the generator (no shared state).
     */
    private static float nearGaussian(SplittableRandom r) {
        long bits = r.nextLong();
        int sum = (int) (bits & 0xffff) + (int) (bits >>> 16 & 0xffff) + (int) (bits >>> 32 & 0xffff) + (int) (bits >>> 48);
        return (float) ((sum / 65535.0 - 2) * Math.sqrt(3));
    }
}
