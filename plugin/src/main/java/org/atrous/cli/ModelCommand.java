package org.atrous.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.atrous.model.DeepLabBuilder;
import org.atrous.model.DeepLabConfig;
import org.atrous.model.GraphSummary;
import org.atrous.model.InferenceBenchmark;
import org.atrous.model.ModelCard;
import org.atrous.model.ModelZoo;
import org.atrous.progress.ProgressListener;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code atrous model ...}: inspect architectures, list the zoo, benchmark inference. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "DeepLab models: summary, list, bench.",
        subcommands = {ModelCommand.Summary.class, ModelCommand.ListModels.class, ModelCommand.Bench.class})
public final class ModelCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "summary", mixinStandardHelpOptions = true,
            description = "Print an architecture's blocks, output shapes and parameter counts.")
    static final class Summary implements Callable<Integer> {
        @Option(names = "--arch", required = true, description = "one of: ${COMPLETION-CANDIDATES}",
                completionCandidates = Architectures.class)
        String arch;
        @Option(names = "--classes", description = "output classes including background") Integer classes;
        @Option(names = "--output-stride", description = "8 or 16") Integer outputStride;
        @Option(names = "--input-channels") Integer inputChannels;
        @Option(names = "--input-size", description = "square input side, pixels") Integer inputSize;

        @Override
        public Integer call() {
            DeepLabConfig.Builder b;
            try {
                b = DeepLabConfig.forArchitecture(arch);
                if (classes != null) b.classes(classes);
                if (outputStride != null) b.outputStride(outputStride);
                if (inputChannels != null) b.inputChannels(inputChannels);
                if (inputSize != null) b.inputSize(inputSize);
                DeepLabConfig c = b.build();
                System.out.println(arch + ": " + c);
                System.out.println(GraphSummary.of(new DeepLabBuilder(c).configuration(),
                        InputType.convolutional(c.inputSize(), c.inputSize(), c.inputChannels())).render());
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println("atrous model summary: " + e.getMessage());
                return 2;
            }
        }
    }

    /** picocli completion candidates: the known architecture names. */
    static final class Architectures implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return DeepLabConfig.ARCHITECTURES.iterator();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List model cards in model-zoo/ and ~/.atrous/models (or -Datrous.models).")
    static final class ListModels implements Callable<Integer> {
        @Override
        public Integer call() {
            ModelZoo zoo = ModelZoo.standard();
            List<ModelZoo.Entry> entries = zoo.list();
            Map<String, String> owner = ModelZoo.partOf(entries);
            for (ModelZoo.Entry e : entries) {
                ModelCard c = e.card();
                System.out.printf("%-28s %-8s %-22s %s%s%s%s%n", c.id(), c.version(), c.architecture().backbone(), e.file(),
                        c.ensemble().isEmpty() ? "" : " (ensemble with " + String.join(", ", c.ensemble()) + ")",
                        c.regionZoom() == null || c.regionZoom().model() == null ? ""
                                : " (region zoom by " + c.regionZoom().model() + ")",
                        owner.containsKey(c.id()) ? " (part of " + owner.get(c.id()) + ")" : "");
            }
            zoo.problems().forEach(p -> System.err.println("skipped: " + p));
            return 0;
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Inference ms per slice and convolution GFLOP/s against ND4J's SGEMM GFLOP/s.")
    static final class Bench implements Callable<Integer> {
        @Option(names = "--size", defaultValue = "512") int size;
        @Option(names = "--warmup", defaultValue = "2") int warmup;
        @Option(names = "--iterations", defaultValue = "5") int iterations;
        @Option(names = "--sgemm-size", defaultValue = "2048") int sgemmSize;
        @Option(names = "--arch", split = ",",
                defaultValue = "deeplabv3-resnet50,deeplabv3plus-mobilenetv2,compact") List<String> archs;
        @Option(names = "--no-fold", description = "Time the trained graph instead of the BN-folded inference graph.")
        boolean noFold;

        @Override
        public Integer call() {
            System.out.printf("threads: %d OpenMP, load %s%n", Nd4j.getEnvironment().maxThreads(), load());
            double sgemm = InferenceBenchmark.sgemmGflops(sgemmSize, 10);
            System.out.printf("ND4J SGEMM %dx%d: %.1f GFLOP/s%n", sgemmSize, sgemmSize, sgemm);
            InferenceBenchmark bench = new InferenceBenchmark(size, warmup, iterations, !noFold, ProgressListener.NONE);
            System.out.printf("graph: %s%n", noFold ? "trained (BN layers)" : "inference (BN folded into convolutions)");
            System.out.printf("%-28s %12s %10s %12s %12s %10s %8s%n", "model", "params", "conv GFLOP", "ms/slice",
                    "CPU ms/slice", "GFLOP/s", "of SGEMM");
            for (String arch : archs) {
                DeepLabConfig.Builder b = DeepLabConfig.forArchitecture(arch);
                // The benchmark runs ResNet backbones at output stride 16, as deployed DeepLabV3 does.
                if (arch.contains("resnet")) b.outputStride(16);
                InferenceBenchmark.Result r = bench.run(arch, b.build());
                System.out.printf("%-28s %,12d %10.1f %12.1f %12.1f %10.1f %7.0f%%%n", r.arch(), r.trainableParameters(),
                        r.convGflop(), r.msPerSlice(), r.cpuMsPerSlice(), r.gflopPerSecond(), 100 * r.gflopPerSecond() / sgemm);
            }
            System.out.printf("ND4J SGEMM %dx%d after: %.1f GFLOP/s; load %s%n", sgemmSize, sgemmSize,
                    InferenceBenchmark.sgemmGflops(sgemmSize, 10), load());
            return 0;
        }

        private static String load() {
            try {
                return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
            } catch (java.io.IOException e) {
                return "unknown";
            }
        }
    }
}
