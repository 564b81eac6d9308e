package org.atrous.cli;

import java.util.Set;

import org.atrous.batch.BatchOptions;
import org.atrous.pipeline.OutputKind;
import picocli.CommandLine.Option;

/**
 * The outputs a batch writes beyond its defaults, one set of options for {@code batch} and the
 * Spark job: an RT Structure Set, the measurement SR, the probabilities as NIfTI and as a
 * FRACTIONAL SEG (deflated or not); and how long one series may take.
 */
public final class BatchOutputOptions {
    @Option(names = "--rtstruct", description = "also write an RT Structure Set per series") boolean rtstruct;
    @Option(names = "--sr", description = "also write the measurements as a DICOM SR (TID 1500) referencing the SEG "
            + "(measurements-sr.dcm)") boolean sr;
    @Option(names = "--probabilities", description = "also write the network's per-class probabilities "
            + "(probabilities.nii.gz, one byte per class and voxel)") boolean probabilities;
    @Option(names = "--probability-seg", description = "also write them as a FRACTIONAL DICOM SEG for a PACS "
            + "(probabilities-seg.dcm, deflated)") boolean probabilitySeg;
    @Option(names = "--probability-seg-uncompressed", description = "the same FRACTIONAL SEG uncompressed (Explicit VR "
            + "Little Endian, about 90 times larger), for a PACS that refuses the Deflated transfer syntax")
    boolean probabilitySegUncompressed;
    @Option(names = "--lesion-segments", description = "one SEG segment, RT Structure Set ROI and SR measurement group "
            + "per lesion (\"liver tumour #1\" from the largest down, as in components.csv)") boolean lesionSegments;

    @Option(names = "--series-time-limit", paramLabel = "MIN", defaultValue = "" + BatchOptions.DEFAULT_SERIES_LIMIT_MINUTES,
            description = "stop a series that takes longer than this many minutes and report it failed, so a hung "
                    + "series cannot hold the run (0: no limit; default ${DEFAULT-VALUE})") double seriesTimeLimitMinutes;

    /** The options with this run's choice of lesion segments and series time limit. */
    public BatchOptions over(BatchOptions o) {
        if (!(seriesTimeLimitMinutes >= 0)) {
            throw new IllegalArgumentException("--series-time-limit: minutes, 0 or more, not " + seriesTimeLimitMinutes);
        }
        return o.withLesionSegments(lesionSegments).withSeriesTimeLimit(Math.round(seriesTimeLimitMinutes * 60));
    }

    /** The batch's default outputs plus those asked for. */
    public Set<OutputKind> kinds() {
        Set<OutputKind> kinds = BatchOptions.outputs(rtstruct, probabilities, probabilitySeg || probabilitySegUncompressed);
        if (probabilitySegUncompressed) kinds = OutputKind.uncompressedProbabilitySeg(kinds);
        if (sr) kinds.add(OutputKind.SR);
        return OutputKind.checked(kinds);
    }
}
