package org.atrous.model;

import org.atrous.dicom.Volume;

/**
 * Builds the network's input channels for one slice: intensity transform (HU windows or
 * z-score), neighbouring slices for 2.5D, and resampling to the model's in-plane spacing.
 */
public final class SliceInput {

    private final Volume volume;
    private final Preprocessing pre;
    private final int outW, outH;
    private final double mean, sd;

    public SliceInput(Volume volume, Preprocessing pre, int outW, int outH) {
        this(volume, pre, outW, outH, normalisation(volume, pre));
    }

    /**
     * @param meanAndSd the z-score statistics to use, from {@link #normalisation}: those of the
     *                  whole volume when {@code volume} is a crop of it
     */
    SliceInput(Volume volume, Preprocessing pre, int outW, int outH, double[] meanAndSd) {
        this.volume = volume;
        this.pre = pre;
        this.outW = outW;
        this.outH = outH;
        this.mean = meanAndSd[0];
        this.sd = meanAndSd[1];
    }

    /** Mean and SD for z-score normalisation of this volume ({0, 1} for HU windows). */
    static double[] normalisation(Volume volume, Preprocessing pre) {
        return pre.zscore() ? meanAndSd(volume.data()) : new double[] {0, 1};
    }

    /** Channels of slice z, each {@code outW*outH}, in the order the model card defines. */
    public float[][] channels(int z) {
        int nz = volume.geometry().nz();
        int perSlice = Math.max(1, pre.windows().size());
        float[][] out = new float[pre.channels()][];
        int c = 0;
        for (int dz = -pre.contextSlices(); dz <= pre.contextSlices(); dz++) {
            float[] slice = slice(Math.min(nz - 1, Math.max(0, z + dz)));
            for (int w = 0; w < perSlice; w++) out[c++] = transform(slice, w);
        }
        return out;
    }

    public Preprocessing preprocessing() { return pre; }

    /** Size of the channels: the slice resampled to the model's spacing. */
    public int width() { return outW; }

    public int height() { return outH; }

    /** Resampled width and height of a volume's slices for this preprocessing. */
    public static int[] scaledSize(Volume v, Preprocessing pre) {
        double t = pre.targetSpacingMm();
        if (t <= 0) return new int[] {v.geometry().nx(), v.geometry().ny()};
        return new int[] {Math.max(1, (int) Math.round(v.geometry().nx() * v.geometry().spacing()[0] / t)),
                Math.max(1, (int) Math.round(v.geometry().ny() * v.geometry().spacing()[1] / t))};
    }

    private float[] slice(int z) {
        int nx = volume.geometry().nx(), ny = volume.geometry().ny();
        float[] s = new float[nx * ny];
        System.arraycopy(volume.data(), z * nx * ny, s, 0, s.length);
        return BilinearResampler.resample(s, nx, ny, outW, outH);
    }

    private float[] transform(float[] slice, int window) {
        float[] t = new float[slice.length];
        if (pre.zscore()) {
            for (int i = 0; i < t.length; i++) t[i] = (float) ((slice[i] - mean) / sd);
        } else {
            IntensityWindow w = pre.windows().get(window);
            for (int i = 0; i < t.length; i++) t[i] = w.apply(slice[i]);
        }
        return t;
    }

    private static double[] meanAndSd(float[] v) {
        double sum = 0, sumSq = 0;
        for (float f : v) {
            sum += f;
            sumSq += (double) f * f;
        }
        double mean = sum / v.length;
        double var = Math.max(0, sumSq / v.length - mean * mean);
        return new double[] {mean, Math.max(1e-6, Math.sqrt(var))};
    }
}
