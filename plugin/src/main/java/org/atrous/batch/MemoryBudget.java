package org.atrous.batch;

import java.util.concurrent.Semaphore;

import org.atrous.pipeline.CrfMode;

/**
 * Limits the series in flight by their estimated memory, so that several small series run at
 * once but two large ones do not exhaust the heap. Permits are megabytes; a series larger than
 * the whole budget still runs, alone.
 */
final class MemoryBudget {

    /** Floats the CRF holds per slab (as {@code VolumeCrf} cuts it), times its working copies. */
    private static final long CRF_SLAB_FLOATS = 48L << 20;
    private static final int CRF_COPIES = 6;

    private final int totalMb;
    private final Semaphore permits;

    MemoryBudget(long bytes) {
        this.totalMb = (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytes >> 20));
        this.permits = new Semaphore(totalMb, true);
    }

    /** Half the heap left after the model is loaded: the rest is for the model's own work and the JVM. */
    static MemoryBudget ofHeap() {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return new MemoryBudget(free / 2);
    }

    /**
     * Bytes one series needs at its peak: the image as floats, labels, byte probabilities per
     * class, the reader's copy while decoding, and the CRF's slab.
     */
    static long estimate(SeriesEntry e, int classes, CrfMode crf) {
        long v = e.voxels();
        long bytes = v * (4 + 4 + 1 + 1) + v * classes;
        if (crf != CrfMode.OFF) bytes += Math.min(v * classes, CRF_SLAB_FLOATS) * 4 * CRF_COPIES;
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
