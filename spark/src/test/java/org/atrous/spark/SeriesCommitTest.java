package org.atrous.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first attempt's folder becomes the series' folder; a later attempt's is discarded, not merged. */
class SeriesCommitTest {

    @Test
    void secondAttemptIsDiscardedAndTheFirstStaysWhole(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("out/series/1.2.3");
        Path first = stage(dir.resolve("staging-a/series/1.2.3"), "first");
        Path second = stage(dir.resolve("staging-b/series/1.2.3"), "second");

        assertEquals(SeriesCommit.Result.COMMITTED, SeriesCommit.commit(first, target));
        assertEquals(SeriesCommit.Result.ALREADY_PRESENT, SeriesCommit.commit(second, target));

        assertEquals("first", Files.readString(target.resolve("stats.csv")));
        assertEquals(1, PhantomArchive.files(target).size());
        assertFalse(Files.exists(first));
        assertFalse(Files.exists(second));
    }

    private static Path stage(Path d, String text) throws Exception {
        Files.createDirectories(d);
        Files.writeString(d.resolve("stats.csv"), text);
        return d;
    }
}
