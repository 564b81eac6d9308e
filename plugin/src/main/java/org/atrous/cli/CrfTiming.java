package org.atrous.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.function.Supplier;
import org.atrous.crf.CrfResult;
import org.atrous.crf.DenseCrf;
import org.atrous.progress.ProgressListener;

/**
 * Runs a CRF one warm-up time plus R timed times in this process, separating the pairwise
 * set-up (lattice construction) from the mean-field iterations, and prints the medians.
 */
final class CrfTiming {

    private CrfTiming() { }

    /**
     * Returns the result of the last run; prints one line per run and the median line last (with
     * {@code repeat} 1: the single run's timings, no warm-up).
     */
    static CrfResult run(Supplier<DenseCrf> factory, int iterations, int repeat, PrintStream out) {
        CrfResult result = null;
        int runs = repeat > 1 ? repeat + 1 : 1;
        double[] setup = new double[runs];
        double[] inference = new double[runs];
        double[] cpu = new double[runs];
        for (int r = 0; r < runs; r++) {
            result = null; // let the previous run's marginals go before the next run allocates
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            DenseCrf crf = factory.get();
            crf.setup(ProgressListener.NONE);
            long t1 = System.nanoTime();
            result = crf.inference(iterations, ProgressListener.NONE);
            long t2 = System.nanoTime();
            cpu[r] = (processCpuNanos() - c0) / 1e9;
            setup[r] = (t1 - t0) / 1e9;
            inference[r] = (t2 - t1) / 1e9;
            if (repeat > 1) {
                out.printf("run %d%s: setup %.3f s inference %.3f s total %.3f s (process cpu %.3f s)%n", r,
                        r == 0 ? " (warm-up)" : "", setup[r], inference[r], setup[r] + inference[r], cpu[r]);
            }
        }
        if (repeat > 1) {
            double[] total = new double[runs];
            for (int r = 0; r < runs; r++) total[r] = setup[r] + inference[r];
            out.printf("process cpu %.3f s per run (median; on a busy machine total / (cpu / cores) shows the share we got)%n",
                    median(cpu));
            out.printf("setup %.3f inference %.3f total %.3f (median of %d after warm-up)%n",
                    median(setup), median(inference), median(total), repeat);
        } else {
            out.printf("setup %.3f inference %.3f total %.3f (1 run, no warm-up: --repeat R for medians)%n",
                    setup[0], inference[0], setup[0] + inference[0]);
        }
        return result;
    }

    /** CPU time of all threads of this process (includes GC and JIT threads). */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    /** Median of all but the first (warm-up) value. */
    private static double median(double[] values) {
        double[] v = Arrays.copyOfRange(values, 1, values.length);
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
    }
}
