package org.atrous.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The run's report in the output root: {@code report.csv} for scripts and spreadsheets,
 * {@code report.html} for people (counts per status, one row per series or file, a thumbnail of
 * each done series' preview). Needs only the rows, so any driver can write it.
 */
public final class BatchReport {

    public static final String CSV = "report.csv";
    public static final String HTML = "report.html";
    public static final String CSV_HEADER =
            "series_uid,status,reason,modality,size,path,output,read_s,inference_s,crf_s,write_s,total_s,volumes_ml,noise_hu,"
            + "score_s";

    private BatchReport() { }

    public static void write(List<SeriesOutcome> rows, Path outRoot, String title) throws IOException {
        List<SeriesOutcome> shown = rows.stream().map(SeriesOutcome::shown).toList();
        writeAtomically(outRoot.resolve(CSV), csv(shown));
        writeAtomically(outRoot.resolve(HTML), html(shown, title));
    }

    public static String csv(List<SeriesOutcome> rows) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (SeriesOutcome r : rows) {
            sb.append(String.join(",", quote(r.seriesUid()), r.status().label(), quote(r.reason()), quote(r.modality()),
                    r.size(), quote(r.path()), quote(r.outputDir()), secs(r.readSeconds()), secs(r.inferenceSeconds()),
                    secs(r.crfSeconds()), secs(r.writeSeconds()), secs(r.totalSeconds()), quote(volumes(r)), noise(r),
                    secs(r.scoreSeconds())));
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Rows per status, in the order statuses are declared. */
    public static Map<Status, Integer> counts(List<SeriesOutcome> rows) {
        Map<Status, Integer> n = new EnumMap<>(Status.class);
        for (SeriesOutcome r : rows) n.merge(r.status(), 1, Integer::sum);
        return n;
    }

    static String html(List<SeriesOutcome> rows, String title) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append("</title>\n<style>body{font-family:sans-serif}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top;font-size:13px}"
                        + ".failed{background:#fdd}.skipped,.duplicate,.rejected{background:#f4f4f4}</style></head><body>\n")
                .append("<h1>").append(esc(title)).append("</h1>\n<p>");
        sb.append(counts(rows).entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", "))).append("</p>\n<table>\n<tr><th>preview</th><th>series</th>"
                + "<th>status</th><th>reason</th><th>modality</th><th>size</th><th>seconds (read / inference / CRF / write / scoring)</th>"
                + "<th>volumes (mL)</th><th>noise (HU)</th></tr>\n");
        for (SeriesOutcome r : rows) {
            String thumb = r.status().hasOutputs()
                    ? "<img src=\"" + esc(r.outputDir() + "/preview.png") + "\" height=\"96\" alt=\"preview\">" : "";
            String series = r.seriesUid().isEmpty() ? esc(r.path()) : esc(r.seriesUid())
                    + (r.status() == Status.DUPLICATE || r.status() == Status.REJECTED ? "<br><small>" + esc(r.path()) + "</small>" : "");
            sb.append("<tr class=\"").append(r.status().name().toLowerCase(Locale.ROOT).replace('_', '-')).append("\"><td>")
                    .append(thumb).append("</td><td>").append(series).append("</td><td>").append(r.status().label())
                    .append("</td><td>").append(esc(r.reason())).append("</td><td>").append(esc(r.modality()))
                    .append("</td><td>").append(esc(r.size())).append("</td><td>")
                    .append(r.status().hasOutputs() ? String.format(Locale.ROOT, "%.1f / %.1f / %.1f / %.1f / %.1f",
                            r.readSeconds(), r.inferenceSeconds(), r.crfSeconds(), r.writeSeconds(), r.scoreSeconds()) : "")
                    .append("</td><td>").append(esc(volumes(r))).append("</td><td>").append(noise(r))
                    .append("</td></tr>\n");
        }
        return sb.append("</table>\n</body></html>\n").toString();
    }

    private static String volumes(SeriesOutcome r) {
        return r.volumes().stream().map(v -> String.format(Locale.ROOT, "%s=%.1f", v.name(), v.volumeMl()))
                .collect(Collectors.joining("; "));
    }

    /** The global noise level to one decimal, empty when not measured. */
    private static String noise(SeriesOutcome r) {
        return r.noiseHu() == null ? "" : String.format(Locale.ROOT, "%.1f", r.noiseHu());
    }

    private static String secs(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }

    private static String quote(String s) {
        if (s == null) return "";
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void writeAtomically(Path f, String text) throws IOException {
        Path tmp = f.resolveSibling("." + f.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
