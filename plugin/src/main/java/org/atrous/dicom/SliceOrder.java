package org.atrous.dicom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Orders the frames of one series part along the slice normal, drops duplicates and derives
 * the grid from positions (never from SliceThickness), reporting gaps, uneven spacing and
 * gantry tilt.
 */
final class SliceOrder {

    /** Positions closer than this along the normal are the same slice. */
    private static final double SAME_POSITION_MM = 0.01;
    /** A step this many times the typical one is a gap (missing slices). */
    private static final double GAP_FACTOR = 1.5;
    /** Relative deviation from the typical step that counts as uneven spacing. */
    private static final double UNEVEN_TOLERANCE = 0.01;
    /** Angle between the position direction and the normal that counts as gantry tilt. */
    private static final double TILT_DEGREES = 0.1;

    private SliceOrder() { }

    static double distanceAlongNormal(FrameHeader f) {
        return dot(f.position(), f.normal());
    }

    /** @param description what sets this part apart from others of its series ("" or ", ...") */
    static SlicePlan plan(String name, String description, List<FrameHeader> frames) {
        List<String> warnings = new ArrayList<>();
        boolean positioned = frames.stream().allMatch(FrameHeader::hasGeometry);
        List<FrameHeader> ordered = new ArrayList<>(frames);
        if (positioned) {
            ordered.sort(Comparator.comparingDouble(SliceOrder::distanceAlongNormal)
                    .thenComparingInt(FrameHeader::instanceNumber));
        } else {
            ordered.sort(Comparator.comparingInt(FrameHeader::instanceNumber)
                    .thenComparing(FrameHeader::path).thenComparingInt(FrameHeader::frame));
            if (frames.size() > 1) warnings.add("no ImagePositionPatient/ImageOrientationPatient on every slice: "
                    + "slices ordered by InstanceNumber, spacing from the header");
        }
        List<FrameHeader> duplicates = new ArrayList<>();
        ordered = dropDuplicates(ordered, positioned, warnings, duplicates);
        Geometry g = positioned ? positionedGeometry(ordered, warnings) : unpositionedGeometry(ordered, warnings);
        return new SlicePlan(name, description, ordered, g, warnings, duplicates);
    }

    private static List<FrameHeader> dropDuplicates(List<FrameHeader> ordered, boolean positioned, List<String> warnings,
                                                    List<FrameHeader> duplicates) {
        List<FrameHeader> kept = new ArrayList<>();
        for (FrameHeader f : ordered) {
            FrameHeader prev = kept.isEmpty() ? null : kept.get(kept.size() - 1);
            if (prev != null && isDuplicate(prev, f, positioned)) {
                warnings.add(String.format(Locale.ROOT, "duplicate slice at %.3f mm: %s skipped (same as %s)",
                        positioned ? distanceAlongNormal(f) : Double.NaN, label(f), label(prev)));
                duplicates.add(f);
            } else {
                kept.add(f);
            }
        }
        return kept;
    }

    private static boolean isDuplicate(FrameHeader a, FrameHeader b, boolean positioned) {
        if (a.sopInstanceUid().equals(b.sopInstanceUid()) && a.frame() == b.frame()) return true;
        return positioned && Math.abs(distanceAlongNormal(a) - distanceAlongNormal(b)) < SAME_POSITION_MM;
    }

    private static Geometry positionedGeometry(List<FrameHeader> ordered, List<String> warnings) {
        FrameHeader first = ordered.get(0);
        double[] normal = first.normal();
        double[] sliceDir = normal;
        double step;
        if (ordered.size() == 1) {
            step = nominal(first);
        } else {
            double[] steps = steps(ordered);
            step = median(steps);
            reportSpacing(steps, step, warnings);
            double[] along = unit(minus(ordered.get(ordered.size() - 1).position(), first.position()));
            double tilt = Math.toDegrees(Math.acos(Math.min(1, dot(along, normal))));
            if (tilt > TILT_DEGREES) {
                warnings.add(String.format(Locale.ROOT, "gantry tilt %.2f degrees: slice direction follows the positions", tilt));
                sliceDir = along;
                step /= Math.cos(Math.toRadians(tilt));
            }
        }
        double[] iop = first.orientation();
        double[] dir = {iop[0], iop[1], iop[2], iop[3], iop[4], iop[5], sliceDir[0], sliceDir[1], sliceDir[2]};
        return new Geometry(dims(first, ordered.size()), spacing(first, step, warnings), first.position(), dir);
    }

    private static Geometry unpositionedGeometry(List<FrameHeader> ordered, List<String> warnings) {
        FrameHeader first = ordered.get(0);
        double[] origin = first.position() == null ? new double[3] : first.position();
        double[] dir = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        if (first.orientation() != null) {
            double[] o = first.orientation(), n = first.normal();
            dir = new double[] {o[0], o[1], o[2], o[3], o[4], o[5], n[0], n[1], n[2]};
        }
        return new Geometry(dims(first, ordered.size()), spacing(first, nominal(first), warnings), origin, dir);
    }

    private static void reportSpacing(double[] steps, double typical, List<String> warnings) {
        double min = Arrays.stream(steps).min().orElse(typical), max = Arrays.stream(steps).max().orElse(typical);
        for (int i = 0; i < steps.length; i++) {
            if (steps[i] > GAP_FACTOR * typical) {
                warnings.add(String.format(Locale.ROOT, "gap after slice %d: %.3f mm where %.3f mm is typical "
                        + "(about %d slice(s) missing)", i + 1, steps[i], typical, Math.round(steps[i] / typical) - 1));
            }
        }
        boolean gapsOnly = Arrays.stream(steps).allMatch(s -> s > GAP_FACTOR * typical
                || Math.abs(s - typical) <= UNEVEN_TOLERANCE * typical);
        if (!gapsOnly) {
            warnings.add(String.format(Locale.ROOT, "uneven slice spacing: %.3f to %.3f mm (median %.3f mm used)",
                    min, max, typical));
        }
    }

    private static double[] steps(List<FrameHeader> ordered) {
        double[] s = new double[ordered.size() - 1];
        for (int i = 0; i < s.length; i++) {
            s[i] = distanceAlongNormal(ordered.get(i + 1)) - distanceAlongNormal(ordered.get(i));
        }
        return s;
    }

    private static double[] spacing(FrameHeader first, double step, List<String> warnings) {
        double[] ps = first.pixelSpacing();
        if (ps == null || !(ps[0] > 0) || !(ps[1] > 0)) {
            warnings.add("no valid PixelSpacing: 1 mm assumed in-plane");
            ps = new double[] {1, 1};
        }
        // PixelSpacing is {row spacing (between rows), column spacing (between columns)}.
        return new double[] {ps[1], ps[0], step};
    }

    private static double nominal(FrameHeader f) {
        return f.nominalSpacing() > 0 ? f.nominalSpacing() : 1.0;
    }

    private static int[] dims(FrameHeader f, int nz) {
        return new int[] {f.columns(), f.rows(), nz};
    }

    static String label(FrameHeader f) {
        return f.frameCount() > 1 ? f.path() + " frame " + f.frame() : f.path();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] minus(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    private static double[] unit(double[] v) {
        double n = Math.sqrt(dot(v, v));
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }
}
