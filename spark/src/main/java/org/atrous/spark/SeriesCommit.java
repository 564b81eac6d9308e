package org.atrous.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.atrous.dicom.CtSeriesWriter;

/**
 * Moves a series folder that one task attempt wrote complete into its final place with one
 * atomic rename. The final folder only ever appears whole, and only once: when another attempt
 * (speculative, or a retry of a task that died after its rename) got there first, rename(2)
 * refuses to replace the non-empty folder and this attempt's copy is discarded.
 */
final class SeriesCommit {

    /** What became of the attempt's folder. */
    enum Result {
        /** It is now the series' folder. */
        COMMITTED,
        /** Another attempt's complete folder was already there; this one was deleted. */
        ALREADY_PRESENT
    }

    private SeriesCommit() { }

    static Result commit(Path staged, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        if (Files.isDirectory(target)) return discard(staged);
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            return Result.COMMITTED;
        } catch (IOException e) {
            // Lost the race between the check and the rename: the target is another attempt's whole folder.
            if (Files.isDirectory(target) && Files.isDirectory(staged)) return discard(staged);
            throw e;
        }
    }

    private static Result discard(Path staged) {
        CtSeriesWriter.deleteQuietly(staged);
        return Result.ALREADY_PRESENT;
    }
}
