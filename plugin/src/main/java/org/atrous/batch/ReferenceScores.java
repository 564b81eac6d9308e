package org.atrous.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.atrous.dicom.LabelObjects;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.Volume;
import org.atrous.pipeline.Evaluation;
import org.atrous.pipeline.ReferenceClasses;

/**
 * A series' result scored against the SEGs and RT Structure Sets of the archive that label it
 * (a radiotherapy archive's contoured organs, a reader's corrections): how well the model does
 * on a site's own patients, measured as the batch goes. One row per reference and class in
 * {@code reference-scores.csv} beside the series' outputs; {@link #FILE}s of a run are gathered
 * into {@code OUT/reference-scores.csv}.
 */
public final class ReferenceScores {

    /** The per-series file, and the run's. */
    public static final String FILE = "reference-scores.csv";

    private ReferenceScores() { }

    /**
     * Scores {@code predicted} on {@code image} against each reference, writes {@link #FILE} into
     * {@code dir} (through a temporary file), and returns one note per reference for the report:
     * {@code vs RS.dcm: liver 0.971, spleen 0.953}, or why it could not be read.
     */
    public static List<String> score(Volume image, LabelVolume predicted, List<String> references, Path dir)
            throws IOException {
        List<Evaluation.Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String ref : references) {
            Path file = Path.of(ref);
            String name = file.getFileName().toString();
            try {
                List<String> read = new ArrayList<>();
                LabelVolume reference = LabelObjects.read(file, image, read::add);
                ReferenceClasses.Matched m = ReferenceClasses.inModelClasses(reference, predicted.classes());
                List<Evaluation.Row> scored = Evaluation.score(name, predicted, m.reference());
                rows.addAll(scored);
                notes.add("vs " + name + ": " + (scored.isEmpty() ? "no class of the model"
                        : scored.stream().map(r -> String.format(Locale.ROOT, "%s %.3f", r.className(), r.dice()))
                        .collect(Collectors.joining(", "))) + (read.isEmpty() ? "" : " (" + String.join("; ", read) + ")"));
            } catch (IOException | RuntimeException e) {
                notes.add("reference " + name + " not scored: " + (e.getMessage() == null ? e : e.getMessage()));
            }
        }
        Path tmp = dir.resolve("." + FILE + ".tmp");
        Files.writeString(tmp, Evaluation.csv(rows), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
        return notes;
    }

    /**
     * True when {@code dir}'s {@link #FILE} scores exactly these references (by file name): a
     * series done by an earlier run needs scoring again only when the archive's labels of it
     * changed since.
     */
    public static boolean upToDate(Path dir, List<String> references) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) return false;
        java.util.Set<String> scored = new java.util.TreeSet<>();
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8).stream().skip(1).toList()) {
            scored.add(line.substring(0, line.indexOf(',')));
        }
        java.util.Set<String> wanted = new java.util.TreeSet<>();
        for (String r : references) wanted.add(Path.of(r).getFileName().toString());
        return scored.equals(wanted);
    }

    /**
     * Every series' {@link #FILE} under {@code seriesRoot} in one table with a series column,
     * written to {@code out} (through a temporary file); false when there is none.
     */
    public static boolean gather(Path seriesRoot, Path out) throws IOException {
        if (!Files.isDirectory(seriesRoot)) return false;
        List<Path> files;
        try (var s = Files.list(seriesRoot)) {
            files = s.map(d -> d.resolve(FILE)).filter(Files::isRegularFile).sorted().toList();
        }
        if (files.isEmpty()) return false;
        StringBuilder sb = new StringBuilder();
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            if (sb.isEmpty()) sb.append("series,").append(lines.get(0)).append('\n');
            for (String line : lines.subList(1, lines.size())) {
                sb.append(f.getParent().getFileName()).append(',').append(line).append('\n');
            }
        }
        Path tmp = out.resolveSibling("." + out.getFileName() + ".tmp");
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }
}
