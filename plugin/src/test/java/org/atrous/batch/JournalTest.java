package org.atrous.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
                List.of(new ClassVolume("liver", 1.5, 1)), 12.5, 1, 0.5);
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
        String line = Json.MAPPER.writeValueAsString(done("1.6", "h6")).replace(",\"noiseHu\":12.5", "")
                .replace(",\"parts\":1", "");
        assertFalse(line.contains("noiseHu") || line.contains("parts"), line);
        Files.writeString(out.resolve("journal/batch.jsonl"), line + "\n", StandardCharsets.UTF_8);
        SeriesOutcome old = Journal.completed(out).get("1.6|h6");
        assertNull(old.noiseHu());
        assertEquals(1.5, old.volumes().get(0).volumeMl(), 0);
        assertEquals(0, old.parts());
        SeriesEntry entry = new SeriesEntry("1.6", "CT", 1, 1, 1, List.of("/a"), "h6", true, null);
        assertEquals(List.of(old), Journal.rowsOf(Journal.completed(out), entry), "a series of one volume, as before");
    }

    @Test
    void aSeriesOfTwoVolumesIsDoneOnlyWhileBothFoldersAre(@TempDir Path out) throws Exception {
        SeriesOutcome first = parts(done("1.7", "h7"), "1.7", 2), second = parts(done("1.7#2", "h7"), "1.7_2", 2);
        Files.createDirectories(out.resolve("series/1.7"));
        Files.createDirectories(out.resolve("series/1.7_2"));
        try (Journal j = Journal.open(out, "batch")) {
            j.append(first);
            j.append(second);
        }
        SeriesEntry entry = new SeriesEntry("1.7", "CT", 1, 1, 1, List.of("/a"), "h7", true, null);
        assertEquals(List.of(first, second), Journal.rowsOf(Journal.completed(out), entry));
        Files.delete(out.resolve("series/1.7_2"));
        assertNull(Journal.rowsOf(Journal.completed(out), entry), "its second volume's outputs are gone: redone");
        assertFalse(Journal.complete(List.of(first, second.failed("no"))));
    }

    @Test
    void aSkippedVolumeOfASeriesOfSeveralIsJournaledWithTheDoneOne(@TempDir Path out) throws Exception {
        SeriesOutcome first = parts(done("1.8", "h8"), "1.8", 2);
        SeriesOutcome thin = new SeriesOutcome("1.8#2", Status.SKIPPED, "2 slices, fewer than --min-slices 5", "CT",
                "1x1x2", "/b", "h8", "", 0, 0, 0, 0, List.of(), null, 2, 0);
        assertTrue(Journal.complete(List.of(first, thin)));
        assertFalse(Journal.complete(List.of(thin)), "nothing done");
        Files.createDirectories(out.resolve("series/1.8"));
        try (Journal j = Journal.open(out, "batch")) {
            j.append(first);
            j.append(thin);
        }
        SeriesEntry entry = new SeriesEntry("1.8", "CT", 1, 1, 1, List.of("/a"), "h8", true, null);
        List<SeriesOutcome> rows = Journal.rowsOf(Journal.completed(out), entry);
        assertEquals(List.of(first, thin), rows);
        assertEquals(Status.SKIPPED, rows.get(1).asAlreadyDone().status(), "reported skipped again, not already done");
    }

    private static SeriesOutcome parts(SeriesOutcome o, String dir, int parts) {
        return new SeriesOutcome(o.seriesUid(), o.status(), o.reason(), o.modality(), o.size(), o.path(), o.fileHash(),
                "series/" + dir, o.readSeconds(), o.inferenceSeconds(), o.crfSeconds(), o.writeSeconds(), o.volumes(),
                o.noiseHu(), parts, o.scoreSeconds());
    }
}
