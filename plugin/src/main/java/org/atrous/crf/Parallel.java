package org.atrous.crf;

import java.util.stream.IntStream;

/**
 * Splits index ranges over all cores. Uses the common fork-join pool, in which the calling
 * thread also works, so {@code threads()} tasks run at once on {@code threads()} cores.
 */
final class Parallel {

    private Parallel() { }

    /** Work of one contiguous index range. */
    @FunctionalInterface
    interface RangeTask {
        void run(int task, int from, int to);
    }

    static int threads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** Runs {@code task} on {@code tasks} near-equal slices of [0, n), in parallel. */
    static void forRanges(int n, int tasks, RangeTask task) {
        int t = Math.max(1, Math.min(tasks, n));
        if (t == 1) {
            task.run(0, 0, n);
            return;
        }
        IntStream.range(0, t).parallel().forEach(k ->
                task.run(k, (int) ((long) n * k / t), (int) ((long) n * (k + 1) / t)));
    }

    /** Runs {@code task} over [0, n) in a few slices per core (for balance). */
    static void forRanges(int n, RangeTask task) {
        int tasks = n < 4096 ? 1 : threads() * 4;
        forRanges(n, tasks, task);
    }
}
