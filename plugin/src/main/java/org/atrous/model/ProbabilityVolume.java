package org.atrous.model;

import org.atrous.dicom.Geometry;

/**
 * Per-class probabilities on a volume's grid, stored as unsigned bytes ({@code p = q / 255}).
 * A 512×512×600 CT with six classes then needs 0.9 GB instead of 3.8 GB of floats, which is
 * what lets inference stream within a 4 GB heap; 1/255 is far finer than any decision made
 * from these numbers (argmax is taken from full-precision softmax before quantising).
 */
public final class ProbabilityVolume {

    /** Smallest probability handed out, so that {@code -log p} stays finite for the CRF. */
    public static final float FLOOR = 0.5f / 255f;

    private final Geometry geometry;
    private final byte[][] q;

    public ProbabilityVolume(Geometry geometry, int classes) {
        if (classes < 2 || classes > 256) throw new IllegalArgumentException("classes must be 2..256: " + classes);
        long n = geometry.voxelCount();
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("volume too large: " + n + " voxels");
        this.geometry = geometry;
        this.q = new byte[classes][(int) n];
    }

    public Geometry geometry() { return geometry; }

    public int classes() { return q.length; }

    /** Probability of class c at voxel i, at least {@link #FLOOR}. */
    public float get(int c, int i) {
        return Math.max(FLOOR, (q[c][i] & 0xff) / 255f);
    }

    /**
     * Class c's stored bytes ({@code p = q / 255}, without the floor), for writers. The array
     * itself, not a copy (a class of a large series is hundreds of MB): do not modify it.
     */
    public byte[] quantised(int c) {
        return q[c];
    }

    /** Class c's bytes, writable, for code in this package that fills whole classes at once. */
    byte[] bytes(int c) {
        return q[c];
    }

    /**
     * Drops class c's bytes once a copy has taken them, so that moving probabilities to another
     * grid never holds two whole copies; the class cannot be read afterwards.
     */
    void release(int c) {
        q[c] = null;
    }

    public void set(int c, int i, float p) {
        q[c][i] = (byte) Math.round(Math.min(1f, Math.max(0f, p)) * 255f);
    }

    /**
     * Probabilities of slices {@code z0..z1-1}, label-major ({@code [c*n + i]}), as the CRF
     * takes them.
     */
    public float[] slab(int z0, int z1) {
        int plane = geometry.nx() * geometry.ny();
        int n = (z1 - z0) * plane;
        float[] out = new float[q.length * n];
        for (int c = 0; c < q.length; c++) {
            for (int i = 0; i < n; i++) out[c * n + i] = get(c, z0 * plane + i);
        }
        return out;
    }

    /**
     * These probabilities as the block at voxel ({@code x0, y0, z0}) of a larger grid {@code full}
     * (a region segmented alone); outside the block the background is certain.
     */
    public ProbabilityVolume placedIn(Geometry full, int x0, int y0, int z0) {
        int w = geometry.nx(), h = geometry.ny(), d = geometry.nz();
        if (x0 < 0 || y0 < 0 || z0 < 0 || x0 + w > full.nx() || y0 + h > full.ny() || z0 + d > full.nz()) {
            throw new IllegalArgumentException("block does not fit in the grid");
        }
        ProbabilityVolume out = new ProbabilityVolume(full, classes());
        java.util.Arrays.fill(out.q[0], (byte) 255);
        for (int c = 0; c < q.length; c++) {
            for (int z = 0; z < d; z++) {
                for (int y = 0; y < h; y++) {
                    System.arraycopy(q[c], (z * h + y) * w, out.q[c], ((z0 + z) * full.ny() + y0 + y) * full.nx() + x0, w);
                }
            }
        }
        return out;
    }
}
