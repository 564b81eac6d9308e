package org.atrous.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import org.atrous.pipeline.OutputKind;

/**
 * Room on the output folder's disk for a series' outputs, checked before the series starts: on
 * a full disk every series would spend its inference and then fail while writing. Such a series
 * fails at once, with the free and needed space, and is not journaled, so the run after space
 * was freed does it.
 */
final class OutputSpace {

    /** Kept free beyond a series' own outputs: the journal, the report, other series in flight. */
    static final long RESERVE = 256L << 20;

    private OutputSpace() { }

    /**
     * Bytes a series' outputs take at most, from its size in the index: one bit per voxel and
     * class for the SEG (BINARY frames), a quarter byte per voxel for the labels, ROIs and
     * preview (compressed), four for a TIFF stack, and one per voxel and class for each kind of
     * probability output. Measured: 2.2 MB for a 256×256×48 phantom's default outputs, this says 3.6.
     */
    static long estimate(SeriesEntry e, int classes, Set<OutputKind> kinds) {
        double perVoxel = classes / 8.0 + 0.25;
        if (kinds.contains(OutputKind.TIFF)) perVoxel += 4;
        if (kinds.contains(OutputKind.PROBABILITIES)) perVoxel += classes;
        if (kinds.contains(OutputKind.PROBABILITY_SEG) || kinds.contains(OutputKind.PROBABILITY_SEG_UNCOMPRESSED)) {
            perVoxel += classes;
        }
        return (long) (e.voxels() * perVoxel) + (1L << 20);
    }

    /** Why the series cannot start for lack of space on {@code out}'s disk, or null when there is room (or it cannot be told). */
    static String shortage(Path out, SeriesEntry e, int classes, Set<OutputKind> kinds) {
        long free;
        try {
            free = Files.getFileStore(out).getUsableSpace();
        } catch (IOException | RuntimeException unknown) {
            return null; // the writes will say what is wrong
        }
        long need = estimate(e, classes, kinds) + RESERVE;
        if (free >= need) return null;
        return String.format(Locale.ROOT, "not started: the output folder's disk has %s free and this series needs"
                + " about %s (its outputs and %d MB kept free); free space or choose another --output, then run again:"
                + " failed series are redone", size(free), size(need), RESERVE >> 20);
    }

    private static String size(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / 1e9)
                : String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }
}
