package org.atrous.roi;

import java.util.List;
import java.util.Locale;

/**
 * Measurements as CSV: per class (stats.csv) or per connected component (components.csv), one
 * header line and one row each. Numbers use a point as decimal mark whatever the locale.
 */
public final class MeasurementCsv {

    public static final String HEADER =
            "label,class,voxels,volume_ml,components,largest_diameter_mm,mean,sd,first_slice,last_slice";

    public static final String COMPONENT_HEADER = "label,class,component,voxels,volume_ml,longest_diameter_mm,"
            + "short_axis_mm,diameter_slice,mean,sd,centroid_x_mm,centroid_y_mm,centroid_z_mm,first_slice,last_slice,"
            + "mean_probability";

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

    /** components.csv: a header only when nothing was segmented. */
    public static String ofComponents(List<ComponentMeasurement> rows) {
        StringBuilder sb = new StringBuilder(COMPONENT_HEADER).append('\n');
        for (ComponentMeasurement m : rows) {
            sb.append(String.format(Locale.ROOT, "%d,%s,%d,%d,%.4f,%.2f,%.2f,%d,%.2f,%.2f,%.2f,%.2f,%.2f,%d,%d,%.3f%n",
                    m.label(), quote(m.name()), m.index(), m.voxels(), m.volumeMl(), m.longestDiameterMm(),
                    m.shortAxisMm(), m.diameterSlice(), m.meanValue(), m.sdValue(), m.centroidX(), m.centroidY(),
                    m.centroidZ(), m.firstSlice(), m.lastSlice(), m.meanProbability()));
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
