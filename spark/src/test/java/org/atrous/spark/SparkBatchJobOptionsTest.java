package org.atrous.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;

import org.atrous.batch.BatchOptions;
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
    }
}
