package org.atrous.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.atrous.batch.BatchOptions;
import org.atrous.model.ModelCard;
import org.atrous.batch.SeriesOutcome;
import org.atrous.batch.Status;
import org.atrous.crf.CrfMode;
import org.atrous.cli.BatchOutputOptions;
import org.atrous.cli.StoreOption;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Main class of the job jar: {@code spark-submit --class org.atrous.spark.SparkBatchJob
 * atrous-spark-job.jar --input /shared/archive --output /shared/out}. The options mean what
 * they mean for {@code bin/atrous batch}; the outputs are the same files in the same places.
 */
@Command(name = "atrous-spark", mixinStandardHelpOptions = true,
        description = {"The Atrous archive batch on Spark: segments every series of the index over the cluster.",
                "Inputs and output must be on a file system every executor sees at the same paths.",
                "Per series OUT/series/<SeriesInstanceUID>/ as bin/atrous batch writes it; per run",
                "OUT/report.csv, OUT/report.html and the report table (OUT/report.parquet/ or OUT/report-table/).",
                "Exit code 0 when no series failed, 1 when some did, 2 on a usage error."})
public final class SparkBatchJob implements Callable<Integer> {

    @Option(names = "--input", arity = "1..*", description = "archive folders, DICOMDIRs or files, indexed on the driver")
    List<Path> inputs;
    @Option(names = "--use-index", description = "process OUT/index.json as an earlier batch or job built it, without indexing")
    boolean useIndex;
    @Option(names = "--output", required = true, description = "output folder (index, journal, results, report)") Path output;
    @Option(names = "--model", defaultValue = "ct-abdomen", description = "model id in the zoo, or a model card (.json); default ${DEFAULT-VALUE}")
    String model;
    @Option(names = "--crf", defaultValue = "3d", description = "off, 2d or 3d (default ${DEFAULT-VALUE})") String crf;
    @Option(names = "--crf-iterations", defaultValue = "5") int crfIterations;
    @Option(names = "--modality", description = "segment only series of this modality, e.g. CT; any for every "
            + "series (default: the modality the model was trained on)") String modality;
    @Option(names = "--min-slices", defaultValue = "1", description = "skip series with fewer slices (default ${DEFAULT-VALUE})")
    int minSlices;
    @Mixin BatchOutputOptions outputs = new BatchOutputOptions();
    @Mixin StoreOption store = new StoreOption();
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;
    @Option(names = "--batch", defaultValue = "8", description = "slices per network call") int batch;
    @Option(names = "--partitions", defaultValue = "0", description = "tasks (default: 4 per core of the cluster)") int partitions;
    @Option(names = "--graph-per-task", description = "one copy of the network per task instead of one per executor")
    boolean graphPerTask;
    @Option(names = "--table", defaultValue = "parquet", description = "report table format: parquet or csv") String table;
    @Option(names = "--master", description = "Spark master when not launched by spark-submit, e.g. local[2]") String master;

    @Override
    public Integer call() throws Exception {
        if ((inputs == null || inputs.isEmpty()) == !useIndex) {
            System.err.println("atrous-spark: give either --input PATH... or --use-index");
            return 2;
        }
        BatchOptions.checkModality(modality);
        ModelBytes bytes = ModelBytes.find(model);
        BatchOptions options = options(ModelCard.parse(bytes.card(), bytes.cardName()));
        SparkSession.Builder b = SparkSession.builder().appName("Atrous batch");
        if (master != null) b.master(master);
        try (SparkSession spark = b.getOrCreate()) {
            SparkBatch job = new SparkBatch(spark, partitions, ReportTable.Format.parse(table), graphPerTask);
            SparkBatch.Result r = useIndex ? job.runIndex(output, bytes, options) : job.run(inputs, output, bytes, options);
            summarise(r);
            return r.count(Status.FAILED) > 0 ? 1 : 0;
        }
    }

    /** The batch's options for the model of {@code card} (null: no model's modality known). */
    BatchOptions options(ModelCard card) {
        return outputs.over(new BatchOptions(CrfMode.parse(crf), crfIterations, BatchOptions.modalityFor(modality, card),
                minSlices, outputs.kinds(), batch).withStore(store.node(spec)));
    }

    BatchOptions options() {
        return options(null);
    }

    private void summarise(SparkBatch.Result r) {
        System.out.printf(Locale.ROOT, "%d done, %d already done, %d failed, %d skipped, %d duplicate, "
                        + "%d rejected files in %.1f s; report: %s%n", r.count(Status.DONE), r.count(Status.ALREADY_DONE),
                r.count(Status.FAILED), r.count(Status.SKIPPED), r.count(Status.DUPLICATE), r.count(Status.REJECTED),
                r.seconds(), output.resolve("report.html"));
        for (SeriesOutcome o : r.rows()) {
            if (o.status() == Status.FAILED) System.out.println("failed " + o.seriesUid() + ": " + o.reason());
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkBatchJob()).execute(args));
    }
}
