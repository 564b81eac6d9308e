package org.atrous.ij;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegReader;
import org.atrous.dicom.SeriesReader;
import org.atrous.dicom.Volume;

/** The bundled sample series, its ground truth, and readers for what ImageJ saved. */
final class SampleResults {

    static final Path SAMPLE = RealImageJ.REPO.resolve("dicom-samples/phantom");

    private SampleResults() { }

    static Volume ct() {
        return new SeriesReader().read(SAMPLE.resolve("ct"), org.atrous.progress.ProgressListener.NONE).volumes().get(0);
    }

    static LabelVolume truth(Volume ct) throws IOException {
        return SegReader.read(SAMPLE.resolve("seg.dcm"), ct);
    }

    static double dice(byte[] a, byte[] b, int label) {
        long na = 0, nb = 0, both = 0;
        for (int i = 0; i < a.length; i++) {
            boolean x = a[i] == label, y = b[i] == label;
            if (x) na++;
            if (y) nb++;
            if (x && y) both++;
        }
        return na + nb == 0 ? 1 : 2.0 * both / (na + nb);
    }

    /** ImageJ's saved Results table: class name → column → value. */
    static Map<String, Map<String, String>> results(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = fields(lines.get(0));
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = fields(line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) row.put(header.get(i).trim(), f.get(i));
            rows.put(row.get("Class"), row);
        }
        return rows;
    }

    /** CSV fields, double quotes honoured. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else cur.append(c);
        }
        out.add(cur.toString());
        return out;
    }
}
