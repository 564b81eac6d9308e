package org.atrous.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.atrous.batch.BatchOptions;
import org.atrous.dicom.CtSeriesWriter;
import org.atrous.phantom.AbdomenPhantom;
import org.atrous.phantom.PhantomOptions;
import org.atrous.crf.CrfMode;
import org.atrous.progress.ProgressListener;
import picocli.CommandLine.Option;

/**
 * The phantom archive and run settings that {@code bin/atrous batch-bench} and
 * {@code bin/atrous-spark bench} share (a picocli mixin), so both time the very same archive:
 * seeds 9000 + i in folders phantom-000, phantom-001, ...
 */
public final class BenchArchive {

    @Option(names = "--series", defaultValue = "20") public int series;
    @Option(names = "--size", defaultValue = "256") public int size;
    @Option(names = "--slices", defaultValue = "60") public int slices;
    @Option(names = "--archive", required = true, description = "folder for the phantom archive (written if missing)")
    public Path archive;
    @Option(names = "--output", required = true, description = "batch output folder (must not exist)") public Path output;
    @Option(names = "--model", defaultValue = "ct-abdomen") public String model;
    @Option(names = "--crf", defaultValue = "off") public String crf;

    /** False, with a message naming {@code command}, when the output folder exists already. */
    public boolean outputIsFree(String command) {
        if (!Files.exists(output)) return true;
        System.err.println(command + ": " + output + " exists; give a new output folder");
        return false;
    }

    /** Writes the phantom series that are not in the archive yet. */
    public void write() throws Exception {
        for (int i = 0; i < series; i++) {
            Path dir = archive.resolve(String.format(Locale.ROOT, "phantom-%03d", i));
            if (Files.isDirectory(dir)) continue;
            PhantomOptions po = new PhantomOptions(9000 + i, size, slices, 0, 5, 5, -1, 15, false);
            Files.createDirectories(archive);
            CtSeriesWriter.write(AbdomenPhantom.generate(po, ProgressListener.NONE).ct(), dir, "", ProgressListener.NONE);
        }
    }

    /** The batch options both benches run with: this CRF, 5 iterations, CT, default outputs. */
    public BatchOptions batchOptions() {
        return new BatchOptions(CrfMode.parse(crf), 5, "CT", 1, BatchOptions.DEFAULT_OUTPUTS, 8);
    }

    /** "N series WxHxD". */
    public String describe() {
        return String.format(Locale.ROOT, "%d series %dx%dx%d", series, size, size, slices);
    }
}
