package org.atrous.dicom;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Groups frames into series parts: by SeriesInstanceUID, then by image size and orientation,
 * then by acquisition where acquisitions overlap in space (a repeated scan of the same
 * region, e.g. contrast phases stored in one series). Acquisitions that only continue each
 * other along the body stay together.
 */
final class SeriesGrouper {

    private SeriesGrouper() { }

    /** Parts in a stable order: by series UID, then by the first InstanceNumber of each part. */
    static List<SlicePlan> plan(List<FrameHeader> frames) {
        Map<String, List<List<FrameHeader>>> bySeries = new LinkedHashMap<>();
        for (List<FrameHeader> group : splitByKey(frames, SeriesGrouper::gridKey).values()) {
            for (List<FrameHeader> part : splitOverlappingAcquisitions(group)) {
                bySeries.computeIfAbsent(group.get(0).seriesUid(), k -> new ArrayList<>()).add(part);
            }
        }
        List<SlicePlan> plans = new ArrayList<>();
        bySeries.keySet().stream().sorted().forEach(uid -> {
            List<List<FrameHeader>> parts = bySeries.get(uid);
            parts.sort(Comparator.comparingInt(p -> p.stream().mapToInt(FrameHeader::instanceNumber).min().orElse(0)));
            for (int i = 0; i < parts.size(); i++) {
                String name = i == 0 ? uid : uid + "#" + (i + 1);
                plans.add(SliceOrder.plan(name, describe(parts.get(i), parts.size() > 1), parts.get(i)));
            }
        });
        return plans;
    }

    private static Map<String, List<FrameHeader>> splitByKey(List<FrameHeader> frames,
                                                             java.util.function.Function<FrameHeader, String> key) {
        Map<String, List<FrameHeader>> groups = new LinkedHashMap<>();
        for (FrameHeader f : frames) groups.computeIfAbsent(key.apply(f), k -> new ArrayList<>()).add(f);
        return groups;
    }

    private static String gridKey(FrameHeader f) {
        return f.seriesUid() + "|" + f.columns() + "x" + f.rows() + "|" + orientationKey(f.orientation());
    }

    private static String orientationKey(double[] iop) {
        if (iop == null) return "none";
        StringBuilder sb = new StringBuilder();
        for (double c : iop) sb.append(String.format(Locale.ROOT, "%.3f,", c + 0.0));
        return sb.toString();
    }

    private static List<List<FrameHeader>> splitOverlappingAcquisitions(List<FrameHeader> group) {
        Map<String, List<FrameHeader>> byAcq = splitByKey(group, FrameHeader::acquisition);
        if (byAcq.size() < 2 || !overlap(byAcq.values())) return List.of(group);
        return new ArrayList<>(byAcq.values());
    }

    /** True when some slice position occurs in more than one acquisition. */
    private static boolean overlap(Iterable<List<FrameHeader>> acquisitions) {
        Set<Long> seen = new TreeSet<>();
        for (List<FrameHeader> acq : acquisitions) {
            Set<Long> mine = new TreeSet<>();
            for (FrameHeader f : acq) {
                if (!f.hasGeometry()) return false;
                mine.add(Math.round(SliceOrder.distanceAlongNormal(f) * 100));
            }
            for (Long p : mine) if (!seen.add(p)) return true;
        }
        return false;
    }

    private static String describe(List<FrameHeader> part, boolean split) {
        FrameHeader f = part.get(0);
        String d = "";
        if (split) {
            String key = orientationKey(f.orientation());
            d += f.orientation() == null ? ", no orientation" : ", orientation " + key.substring(0, key.length() - 1);
            if (!f.acquisition().isEmpty()) d += ", acquisition " + f.acquisition();
        }
        return d;
    }
}
