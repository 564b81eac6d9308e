package org.atrous.model;

import org.atrous.progress.ProgressListener;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures inference time per slice and the achieved convolution GFLOP/s, next to the
 * single-precision matrix-multiply GFLOP/s of the same ND4J backend (the practical ceiling,
 * since DL4J's CPU convolutions are im2col + SGEMM). Not a test: it takes minutes.
 */
public final class InferenceBenchmark {

    /** One model's result. */
    public record Result(String arch, long trainableParameters, double convGflop, double msPerSlice,
            double cpuMsPerSlice, double gflopPerSecond) { }

    private final int size;
    private final int warmup;
    private final int iterations;
    private final boolean foldBatchNorm;
    private final ProgressListener listener;

    /** @param foldBatchNorm time the {@link InferenceGraph} that segmentation runs, not the trained graph */
    public InferenceBenchmark(int size, int warmup, int iterations, boolean foldBatchNorm, ProgressListener listener) {
        this.size = size;
        this.warmup = warmup;
        this.iterations = iterations;
        this.foldBatchNorm = foldBatchNorm;
        this.listener = listener;
    }

    /**
     * CPU time of the whole process, all threads (ND4J's OpenMP threads included): on a shared
     * machine it says what a slice costs when wall-clock time only says what share we got.
     */
    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** SGEMM GFLOP/s of n×n by n×n products into a preallocated result, after warm-up. */
    public static double sgemmGflops(int n, int repeats) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        for (int i = 0; i < 3; i++) a.mmul(b, c);
        long t0 = System.nanoTime();
        for (int i = 0; i < repeats; i++) a.mmul(b, c);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return 2.0 * n * n * n * repeats / seconds / 1e9;
    }

    public Result run(String arch, DeepLabConfig config) {
        DeepLabConfig c = config.toBuilder().inputSize(size).build();
        ComputationGraphConfiguration conf = new DeepLabBuilder(c).configuration();
        InputType input = InputType.convolutional(size, size, c.inputChannels());
        long flops = ConvFlops.count(conf, input);
        long params = GraphSummary.of(conf, input).trainableParameters();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        if (foldBatchNorm) graph = InferenceGraph.of(graph);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, c.inputChannels(), size, size);
        for (int i = 0; i < warmup; i++) graph.outputSingle(x);
        long t0 = System.nanoTime(), cpu0 = processCpuNanos();
        for (int i = 0; i < iterations; i++) {
            listener.checkCanceled();
            listener.progress(arch, (double) i / iterations);
            graph.outputSingle(x);
        }
        double seconds = (System.nanoTime() - t0) / 1e9 / iterations;
        double cpuMs = (processCpuNanos() - cpu0) / 1e6 / iterations;
        return new Result(arch, params, flops / 1e9, seconds * 1e3, cpuMs, flops / seconds / 1e9);
    }
}
