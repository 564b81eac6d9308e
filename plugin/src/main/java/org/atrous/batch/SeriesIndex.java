package org.atrous.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What an archive holds, as a batch processes it: one entry per series and one row per file
 * that belongs to no series or repeats an instance. Written to {@code OUT/index.json}, where a
 * cluster job reads the entries it distributes.
 *
 * @param entries series in SeriesInstanceUID order
 * @param fileRows rejected and duplicate files, as report rows
 */
public record SeriesIndex(List<SeriesEntry> entries, List<SeriesOutcome> fileRows) {

    public static final String FILE = "index.json";

    public SeriesIndex {
        entries = List.copyOf(entries);
        fileRows = List.copyOf(fileRows);
    }

    public void write(Path outRoot) throws IOException {
        Json.writeAtomically(outRoot.resolve(FILE), this);
    }

    public static SeriesIndex read(Path outRoot) throws IOException {
        return Json.MAPPER.readValue(outRoot.resolve(FILE).toFile(), SeriesIndex.class);
    }
}
