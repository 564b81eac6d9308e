package org.atrous.roi;

import java.util.List;
import java.util.Locale;

/** Per-class measurements as CSV (stats.csv): one header line, one row per class. */
public final class MeasurementCsv {

    public static final String HEADER =
            "label,class,voxels,volume_ml,components,largest_diameter_mm,mean,sd,first_slice,last_slice";

    private MeasurementCsv() { }

    public static String of(List<ClassMeasurement> rows) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (ClassMeasurement m : rows) {
            sb.append(String.format(Locale.ROOT, "%d,%s,%d,%.4f,%d,%.2f,%.2f,%.2f,%d,%d%n", m.label(), quote(m.name()),
                    m.voxels(), m.volumeMl(), m.components(), m.largestDiameterMm(), m.meanValue(), m.sdValue(),
                    m.firstSlice(), m.lastSlice()));
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
