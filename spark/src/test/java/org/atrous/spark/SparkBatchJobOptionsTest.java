package org.atrous.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.EnumSet;

import org.atrous.batch.BatchOptions;
import org.atrous.model.ModelCard;
import org.atrous.pacs.PacsNode;
import org.atrous.pipeline.OutputKind;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The Spark job asks for the same extra outputs as {@code bin/atrous batch}, by the same option names. */
class SparkBatchJobOptionsTest {

    @Test
    void extraOutputsAreAddedToTheBatchDefaults() {
        SparkBatchJob job = new SparkBatchJob();
        new CommandLine(job).parseArgs("--input", "/in", "--output", "/out", "--probability-seg", "--rtstruct");
        EnumSet<OutputKind> expected = EnumSet.copyOf(BatchOptions.DEFAULT_OUTPUTS);
        expected.add(OutputKind.PROBABILITY_SEG);
        expected.add(OutputKind.RTSTRUCT);
        assertEquals(expected, job.options().outputs());

        SparkBatchJob plain = new SparkBatchJob();
        new CommandLine(plain).parseArgs("--input", "/in", "--output", "/out", "--probabilities");
        EnumSet<OutputKind> withNifti = EnumSet.copyOf(BatchOptions.DEFAULT_OUTPUTS);
        withNifti.add(OutputKind.PROBABILITIES);
        assertEquals(withNifti, plain.options().outputs());
        assertEquals(null, plain.options().store(), "no PACS unless asked for");

        SparkBatchJob toPacs = new SparkBatchJob();
        new CommandLine(toPacs).parseArgs("--input", "/in", "--output", "/out", "--sr", "--probability-seg-uncompressed",
                "--store", "ARCHIVE@pacs.example.org:11112", "--calling-ae", "SPARK", "--lesion-segments");
        EnumSet<OutputKind> withSr = EnumSet.copyOf(BatchOptions.DEFAULT_OUTPUTS);
        withSr.add(OutputKind.SR);
        withSr.add(OutputKind.PROBABILITY_SEG_UNCOMPRESSED);
        assertEquals(withSr, toPacs.options().outputs());
        assertEquals(new PacsNode("ARCHIVE", "pacs.example.org", 11112, "SPARK"), toPacs.options().store());
        assertEquals(true, toPacs.options().lesionSegments());
        assertEquals(false, plain.options().lesionSegments());
    }

    @Test
    void theJobSegmentsTheModelsModalityUnlessToldOtherwise() throws Exception {
        ModelCard ct = ModelCard.read(Path.of("../model-zoo/ct-abdomen.json"));
        SparkBatchJob plain = new SparkBatchJob();
        new CommandLine(plain).parseArgs("--input", "/in", "--output", "/out");
        assertEquals("CT", plain.options(ct).modality());
        SparkBatchJob any = new SparkBatchJob();
        new CommandLine(any).parseArgs("--input", "/in", "--output", "/out", "--modality", "any");
        assertEquals("", any.options(ct).modality());
    }

    @Test
    void aSeriesTimeLimitIsShippedInTheOptions() {
        SparkBatchJob plain = new SparkBatchJob();
        new CommandLine(plain).parseArgs("--input", "/in", "--output", "/out");
        assertEquals(3600, plain.options().seriesTimeLimitSeconds());
        SparkBatchJob half = new SparkBatchJob();
        new CommandLine(half).parseArgs("--input", "/in", "--output", "/out", "--series-time-limit", "0.5");
        assertEquals(30, half.options().seriesTimeLimitSeconds());
    }
}
