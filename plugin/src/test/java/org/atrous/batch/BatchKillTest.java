package org.atrous.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.atrous.cli.AtrousCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a batch process (SIGKILL) once it has journaled a series but before it is through, then
 * runs the batch again: every series ends up done exactly once, with complete outputs, and no
 * half-written folder is ever visible.
 */
class BatchKillTest {

    private static final int SERIES = 4;
    private static final List<String> OUTPUTS = List.of("seg.dcm", "rois.zip", "labels.nii.gz", "stats.csv", "preview.png");

    @Test
    void killedMidwayThenRerunCompletesWithoutPartialOrDuplicateOutputs(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("archive"), out = dir.resolve("out");
        for (int i = 0; i < SERIES; i++) TestArchive.ct(301 + i, archive.resolve("p" + i % 2 + "/case" + i + "/ct"), 4);
        String[] args = {"batch", "--input", archive.toString(), "--output", out.toString(), "--model",
                BatchArchiveTest.MODEL.toString(), "--crf", "off", "--threads", "1", "--quiet"};

        Process p = childJvm(args, dir.resolve("killed.log"));
        int journaled = waitForJournal(out, p);
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertTrue(journaled >= 1 && journaled < SERIES, "killed after " + journaled + " of " + SERIES + " series");
        assertVisibleFoldersComplete(out);

        assertEquals(0, AtrousCli.commandLine().execute(args));
        List<String> journal = journalUids(out);
        assertEquals(SERIES, journal.size(), "each series journaled once: " + journal);
        assertEquals(SERIES, new HashSet<>(journal).size(), "no series done twice: " + journal);
        List<String> report = Files.readAllLines(out.resolve(BatchReport.CSV));
        long already = report.stream().filter(l -> TestArchive.csvFields(l).get(1).equals("already done")).count();
        long done = report.stream().filter(l -> TestArchive.csvFields(l).get(1).equals("done")).count();
        assertTrue(already >= journaled, "series journaled before the kill are not redone");
        assertEquals(SERIES, already + done, String.join("\n", report));
        assertEquals(SERIES, assertVisibleFoldersComplete(out));
        try (Stream<Path> s = Files.list(out.resolve(SeriesProcessor.SERIES_DIR))) {
            assertEquals(List.of(), s.filter(f -> f.getFileName().toString().startsWith(".")).toList(), "hidden leftovers");
        }
    }

    private static Process childJvm(String[] args, Path log) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                "org.atrous.cli.AtrousCli"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Polls the journal until it holds a series; fails if the process ends first. */
    private static int waitForJournal(Path out, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            int n = journalUids(out).size();
            if (n >= 1) return n;
            assertTrue(p.isAlive(), "the batch ended before journaling a series (exit " + (p.isAlive() ? "" : p.exitValue()) + ")");
            Thread.sleep(20);
        }
        throw new AssertionError("no series journaled within 300 s");
    }

    private static List<String> journalUids(Path out) throws Exception {
        Path dir = out.resolve(Journal.DIR);
        List<String> uids = new ArrayList<>();
        if (!Files.isDirectory(dir)) return uids;
        for (File f : dir.toFile().listFiles()) {
            for (String line : Files.readAllLines(f.toPath())) {
                if (line.endsWith("}")) uids.add(Json.MAPPER.readTree(line).get("seriesUid").asText());
            }
        }
        return uids;
    }

    /** Every visible series folder holds every output; returns how many there are. */
    private static int assertVisibleFoldersComplete(Path out) throws Exception {
        Path series = out.resolve(SeriesProcessor.SERIES_DIR);
        if (!Files.isDirectory(series)) return 0;
        Set<Path> visible = new HashSet<>();
        try (Stream<Path> s = Files.list(series)) {
            s.filter(f -> !f.getFileName().toString().startsWith(".")).forEach(visible::add);
        }
        for (Path f : visible) for (String name : OUTPUTS) assertTrue(Files.isRegularFile(f.resolve(name)), f + "/" + name);
        assertFalse(visible.isEmpty() && visible.size() > SERIES);
        return visible.size();
    }
}
