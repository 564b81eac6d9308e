package org.atrous.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    private static SeriesOutcome done(String uid, String hash) {
        return new SeriesOutcome(uid, Status.DONE, "", "CT", "1x1x1", "/a", hash, "series/" + uid, 1, 2, 3, 4,
                List.of(new ClassVolume("liver", 1.5, 1)), 12.5);
    }

    @Test
    void doneRowsOfEveryWriterCountOnlyWithTheirHashAndFolder(@TempDir Path out) throws Exception {
        Files.createDirectories(out.resolve("series/1.2"));
        Files.createDirectories(out.resolve("series/1.3"));
        try (Journal a = Journal.open(out, "batch"); Journal b = Journal.open(out, "spark-part-00001")) {
            a.append(done("1.2", "h1"));
            b.append(done("1.3", "h3"));
            a.append(done("1.4", "h4")); // its folder is gone: not done
            assertThrows(IllegalArgumentException.class, () -> a.append(SeriesOutcome.ofFile("/x", "", Status.REJECTED, "no")));
        }
        assertEquals(Set.of("1.2|h1", "1.3|h3"), Journal.completed(out).keySet());
        assertEquals(done("1.2", "h1"), Journal.completed(out).get("1.2|h1"));
    }

    @Test
    void aLineCutShortByACrashIsIgnoredAndTheNextStartsOnItsOwn(@TempDir Path out) throws Exception {
        Files.createDirectories(out.resolve("series/1.2"));
        Files.createDirectories(out.resolve("series/1.5"));
        try (Journal j = Journal.open(out, "batch")) {
            j.append(done("1.2", "h1"));
        }
        Files.writeString(out.resolve("journal/batch.jsonl"), "{\"seriesUid\":\"1.5\",\"sta", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        assertEquals(Set.of("1.2|h1"), Journal.completed(out).keySet());
        try (Journal j = Journal.open(out, "batch")) {
            j.append(done("1.5", "h5"));
        }
        assertEquals(Set.of("1.2|h1", "1.5|h5"), Journal.completed(out).keySet());
    }

    @Test
    void aLineFromBeforeTheNoiseLevelWasRecordedStillCounts(@TempDir Path out) throws Exception {
        Files.createDirectories(out.resolve("series/1.6"));
        Files.createDirectories(out.resolve("journal"));
        String line = Json.MAPPER.writeValueAsString(done("1.6", "h6")).replace(",\"noiseHu\":12.5", "");
        assertFalse(line.contains("noiseHu"), line);
        Files.writeString(out.resolve("journal/batch.jsonl"), line + "\n", StandardCharsets.UTF_8);
        SeriesOutcome old = Journal.completed(out).get("1.6|h6");
        assertNull(old.noiseHu());
        assertEquals(1.5, old.volumes().get(0).volumeMl(), 0);
    }
}
