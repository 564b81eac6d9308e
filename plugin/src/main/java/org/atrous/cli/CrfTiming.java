package org.atrous.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.function.Supplier;
import org.atrous.crf.CrfResult;
import org.atrous.crf.DenseCrf;
import org.atrous.progress.ProgressListener;

/**
 * Runs a CRF in this process: warm-up runs (at least one, more until {@link #WARMUP_SECONDS}
 * have passed, at most {@link #MAX_WARMUP}: a 2D run takes a fraction of a second, and the JIT
 * needs several before all of lattice construction and mean field are compiled), then R timed
 * runs, separating the pairwise set-up (lattice construction) from the mean-field iterations,
 * and prints the medians.
 */
final class CrfTiming {

    static final double WARMUP_SECONDS = 2.0;
    static final int MAX_WARMUP = 10;

    private CrfTiming() { }

    /** Wall and process CPU seconds of one run. */
    private record Run(double setup, double inference, double cpu, CrfResult result) {
        double total() {
            return setup + inference;
        }
    }

    /**
     * Returns the result of the last run; prints one line per run and the median line last (with
     * {@code repeat} 1: the single run's timings, no warm-up).
     */
    static CrfResult run(Supplier<DenseCrf> factory, int iterations, int repeat, PrintStream out) {
        if (repeat <= 1) {
            Run one = once(factory, iterations);
            out.printf("setup %.3f inference %.3f total %.3f (1 run, no warm-up: --repeat R for medians)%n",
                    one.setup(), one.inference(), one.total());
            return one.result();
        }
        double warmed = 0;
        for (int w = 0; w < MAX_WARMUP && (w == 0 || warmed < WARMUP_SECONDS); w++) {
            Run r = once(factory, iterations);
            warmed += r.total();
            print(out, "warm-up " + (w + 1), r);
        }
        double[] setup = new double[repeat];
        double[] inference = new double[repeat];
        double[] total = new double[repeat];
        double[] cpu = new double[repeat];
        Run r = null;
        for (int k = 0; k < repeat; k++) {
            r = null; // let the previous run's marginals go before the next run allocates
            r = once(factory, iterations);
            setup[k] = r.setup();
            inference[k] = r.inference();
            total[k] = r.total();
            cpu[k] = r.cpu();
            print(out, "run " + (k + 1), r);
        }
        out.printf("process cpu %.3f s per run (median; on a busy machine total / (cpu / cores) shows the share we got)%n",
                median(cpu));
        out.printf("setup %.3f inference %.3f total %.3f (median of %d after warm-up)%n",
                median(setup), median(inference), median(total), repeat);
        return r.result();
    }

    private static Run once(Supplier<DenseCrf> factory, int iterations) {
        long c0 = processCpuNanos();
        long t0 = System.nanoTime();
        DenseCrf crf = factory.get();
        crf.setup(ProgressListener.NONE);
        long t1 = System.nanoTime();
        CrfResult result = crf.inference(iterations, ProgressListener.NONE);
        long t2 = System.nanoTime();
        return new Run((t1 - t0) / 1e9, (t2 - t1) / 1e9, (processCpuNanos() - c0) / 1e9, result);
    }

    private static void print(PrintStream out, String name, Run r) {
        out.printf("%s: setup %.3f s inference %.3f s total %.3f s (process cpu %.3f s)%n", name, r.setup(),
                r.inference(), r.total(), r.cpu());
    }

    /** CPU time of all threads of this process (includes GC and JIT threads). */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
    }
}
