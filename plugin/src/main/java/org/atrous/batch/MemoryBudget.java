package org.atrous.batch;

import java.util.concurrent.Semaphore;

import org.atrous.crf.CrfMode;
import org.atrous.pipeline.VolumeCrf;

/**
 * Limits the series in flight by their estimated memory, so that several small series run at
 * once but two large ones do not exhaust the heap. Permits are megabytes; a series larger than
 * the whole budget still runs, alone.
 */
final class MemoryBudget {

    /**
     * Bytes per voxel and class of one CRF run at its peak: the slab's float probabilities and
     * their crop, the CRF's unary, marginals and logits, and three lattice vertex buffers (two
     * splat, one blur) over about three vertices per voxel (CT's HU makes the bilateral lattice
     * that dense). Measured: a 256x256x60 CT with 8 classes peaked at 2.9 GB live heap.
     */
    private static final long CRF_PER_VOXEL_CLASS = 64;
    /** Bytes per voxel of one CRF run's two lattices: vertex indices, weights and blur neighbours. */
    private static final long CRF_PER_VOXEL = 256;
    /** Bytes per voxel and class the 2D CRF holds for its whole slab: probabilities, crop, result. */
    private static final long CRF_2D_SLAB_PER_VOXEL_CLASS = 12;

    private final int totalMb;
    private final Semaphore permits;

    MemoryBudget(long bytes) {
        this.totalMb = (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytes >> 20));
        this.permits = new Semaphore(totalMb, true);
    }

    /**
     * Three quarters of the heap left after the model is loaded: the rest is headroom for the
     * collector and the model's own on-heap work (its activations live off-heap).
     */
    static MemoryBudget ofHeap() {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return new MemoryBudget(free / 4 * 3);
    }

    /**
     * Bytes one series needs at its peak: the image as floats, labels, byte probabilities per
     * class, the reader's copy while decoding, and the CRF's working set over one of the slabs
     * {@link VolumeCrf} cuts (the 3D CRF runs on the whole slab, the 2D one slice by slice).
     * A model that reslices (an ensemble, or one slicing across x or y) also holds the resliced
     * image, a view's labels and probabilities, their copy back, and the ensemble's 16-bit sums.
     */
    static long estimate(SeriesEntry e, int classes, CrfMode crf, boolean reslices) {
        long v = e.voxels();
        long bytes = v * (4 + 4 + 1 + 1) + v * classes;
        if (reslices) bytes += v * (4 + 2 + 4L * classes);
        int plane = Math.max(1, e.rows() * e.columns()); // 0 for entries that are no images
        long slab = (long) plane * VolumeCrf.slabSlices(plane, Math.max(1, e.frames()), classes);
        long perRun = classes * CRF_PER_VOXEL_CLASS + CRF_PER_VOXEL;
        bytes += switch (crf) {
            case OFF -> 0;
            case SLICES_2D -> slab * classes * CRF_2D_SLAB_PER_VOXEL_CLASS + plane * perRun;
            case VOLUME_3D -> slab * perRun;
        };
        return bytes + (32L << 20);
    }

    int acquire(long bytes) throws InterruptedException {
        int mb = (int) Math.min(totalMb, Math.max(1, bytes >> 20));
        permits.acquire(mb);
        return mb;
    }

    void release(int mb) {
        permits.release(mb);
    }

    int totalMb() { return totalMb; }
}
