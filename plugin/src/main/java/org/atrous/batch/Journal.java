package org.atrous.batch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The record of completed series in {@code OUT/journal/}: append-only JSON Lines files, one
 * {@link SeriesOutcome} per completed series, each line forced to disk before the next series
 * counts as done. Each writer (the local batch, or one cluster task) appends to its own file,
 * so writers never interleave; readers take the union of all files.
 *
 * <p>A series is done when a line holds its SeriesInstanceUID with the same file hash and its
 * output folder exists; a series of several volumes (each a row, see {@link SeriesOutcome#parts})
 * when every volume's line does. A line cut short by a crash is ignored, so that series is redone. Only
 * done series are journaled: failures are retried by the next run.
 */
public final class Journal implements AutoCloseable {

    public static final String DIR = "journal";

    private final FileChannel channel;

    private Journal(FileChannel channel) {
        this.channel = channel;
    }

    /** Opens (creating) the journal file of one writer, e.g. "batch" or "spark-part-00007". */
    public static Journal open(Path outRoot, String writer) throws IOException {
        Path dir = outRoot.resolve(DIR);
        Files.createDirectories(dir);
        FileChannel c = FileChannel.open(dir.resolve(writer + ".jsonl"), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        c.position(c.size()); // one writer per file: appending at our own position is appending
        Journal j = new Journal(c);
        j.endCutLine();
        return j;
    }

    /** A line cut short by a crash is closed, so the next line starts on its own. */
    private void endCutLine() throws IOException {
        long size = channel.size();
        if (size == 0) return;
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        if (last.get(0) != '\n') channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
    }

    /** Appends a done row and forces it to disk. */
    public synchronized void append(SeriesOutcome done) throws IOException {
        if (!journaled(done)) throw new IllegalArgumentException("only done series are journaled");
        byte[] line = (Json.MAPPER.writeValueAsString(done.shown()) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.wrap(line);
        while (b.hasRemaining()) channel.write(b);
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** A done row's key in {@link #completed}: its series (or volume) UID and its files' hash. */
    static String key(SeriesOutcome o) {
        return o.seriesUid() + "|" + o.fileHash();
    }

    /** Done rows by {@link SeriesEntry#journalKey()}, from every writer's file, whose outputs still exist. */
    public static Map<String, SeriesOutcome> completed(Path outRoot) throws IOException {
        Map<String, SeriesOutcome> done = new HashMap<>();
        Path dir = outRoot.resolve(DIR);
        if (!Files.isDirectory(dir)) return done;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
        for (Path f : files) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                SeriesOutcome o = parse(line);
                if (o != null && (o.status() == Status.SKIPPED || Files.isDirectory(outRoot.resolve(o.outputDir())))) {
                    done.put(key(o), o);
                }
            }
        }
        return done;
    }

    /**
     * The journaled rows of every volume of {@code e} (one for most series), or null unless all
     * of them are done with their outputs present.
     */
    public static List<SeriesOutcome> rowsOf(Map<String, SeriesOutcome> done, SeriesEntry e) {
        SeriesOutcome first = done.get(e.journalKey());
        if (first == null) return null;
        List<SeriesOutcome> rows = new java.util.ArrayList<>(List.of(first));
        for (int k = 2; k <= first.parts(); k++) {
            SeriesOutcome o = done.get(SeriesOutcome.partUid(e.seriesUid(), k) + "|" + e.fileHash());
            if (o == null) return null;
            rows.add(o);
        }
        return rows;
    }

    /**
     * True when a series' rows are all done (a volume of a series of several may also have been
     * skipped, as too thin for --min-slices, say): only then is it journaled.
     */
    public static boolean complete(List<SeriesOutcome> series) {
        return series.stream().anyMatch(o -> o.status() == Status.DONE) && series.stream().allMatch(Journal::journaled);
    }

    /** A done row, or the skipped row of one volume of a series of several, which has no folder. */
    private static boolean journaled(SeriesOutcome o) {
        return o.status().hasOutputs() && !o.outputDir().isEmpty() || o.status() == Status.SKIPPED && o.parts() > 1;
    }

    private static SeriesOutcome parse(String line) {
        if (line.isBlank()) return null;
        try {
            SeriesOutcome o = Json.MAPPER.readValue(line, SeriesOutcome.class);
            return o.status() != null && journaled(o) ? o : null;
        } catch (IOException e) {
            return null; // cut short by a crash while appending
        }
    }
}
