package org.atrous.dicom;

import static org.atrous.dicom.RtStructWriter.CONTOUR_DATA;
import static org.atrous.dicom.RtStructWriter.CONTOUR_GEOMETRIC_TYPE;
import static org.atrous.dicom.RtStructWriter.CONTOUR_SEQUENCE;
import static org.atrous.dicom.RtStructWriter.NUMBER_OF_CONTOUR_POINTS;
import static org.atrous.dicom.RtStructWriter.REFERENCED_FRAME_OF_REFERENCE_SEQUENCE;
import static org.atrous.dicom.RtStructWriter.REFERENCED_FRAME_OF_REFERENCE_UID;
import static org.atrous.dicom.RtStructWriter.REFERENCED_ROI_NUMBER;
import static org.atrous.dicom.RtStructWriter.ROI_GENERATION_ALGORITHM;
import static org.atrous.dicom.RtStructWriter.ROI_CONTOUR_SEQUENCE;
import static org.atrous.dicom.RtStructWriter.ROI_DISPLAY_COLOR;
import static org.atrous.dicom.RtStructWriter.ROI_NAME;
import static org.atrous.dicom.RtStructWriter.ROI_NUMBER;
import static org.atrous.dicom.RtStructWriter.RT_ROI_INTERPRETED_TYPE;
import static org.atrous.dicom.RtStructWriter.RT_ROI_OBSERVATIONS_SEQUENCE;
import static org.atrous.dicom.RtStructWriter.STRUCTURE_SET_ROI_SEQUENCE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

/**
 * Reads an RT Structure Set, the form most expert contours in clinical archives take (every
 * radiotherapy plan has one), and fills its ROIs into a {@link LabelVolume} on the grid of the
 * series it outlines. Each closed planar contour goes to the slice whose plane holds it (within
 * half a slice spacing); a structure's contours on one slice combine by the even-odd rule, so a
 * contour inside another is a hole ({@link ContourRasterizer}). Where ROIs overlap, the smaller
 * wins, so a tumour inside an organ stays visible as it is in a planning system.
 */
public final class RtStructReader {

    /** RT ROI Interpreted Types that name a lesion rather than an organ. */
    private static final Set<String> LESION_TYPES = Set.of("GTV", "CTV", "ITV");

    /**
     * One structure: its number and name, RT ROI Interpreted Type ("ORGAN", "GTV", … or ""),
     * ROI Generation Algorithm ("AUTOMATIC", "SEMIAUTOMATIC", "MANUAL" or ""), display colour
     * (null when not given), its closed contours as patient-coordinate triplets x, y, z, …, and
     * how many contours of other types (points, open lines) it holds.
     */
    public record Roi(int number, String name, String interpretedType, String generationAlgorithm, int[] rgb,
                      List<double[]> contours, int notClosed) { }

    /**
     * The structure set's frame of reference UID and the series it outlines (RT Referenced
     * Series Sequence; "" when it names none), and its ROIs in ROI Number order.
     */
    public record StructureSet(String frameOfReferenceUid, String referencedSeriesUid, List<Roi> rois) {
        public List<String> names() {
            return rois.stream().map(Roi::name).toList();
        }

        /** The first ROI Generation Algorithm named, "" when none is: how the contours were made. */
        public String generationAlgorithm() {
            return rois.stream().map(Roi::generationAlgorithm).filter(a -> !a.isEmpty()).findFirst().orElse("");
        }
    }

    /** The labels, what the reader left out and why (one line each), and the structure set read. */
    public record Rasterized(LabelVolume labels, List<String> warnings, StructureSet structureSet) { }

    private RtStructReader() { }

    /** True when {@code file} is a DICOM RT Structure Set (by its SOP Class); false for anything else. */
    public static boolean isRtStruct(Path file) {
        // PixelMed would try hard to parse anything; a video or a text file is none
        if (!Files.isRegularFile(file) || !DicomSniffer.looksLikeDicom(file.toFile())) return false;
        try {
            AttributeList l = new AttributeList();
            l.read(file.toFile(), TagFromName.SeriesInstanceUID);
            return SOPClass.RTStructureSetStorage.equals(Attribute.getSingleStringValueOrEmptyString(l,
                    TagFromName.SOPClassUID));
        } catch (IOException | DicomException | RuntimeException e) {
            return false;
        }
    }

    /** The structure set's ROIs and contours, not yet on any grid. */
    public static StructureSet load(Path file) throws IOException {
        AttributeList l = new AttributeList();
        try {
            l.read(file.toFile());
        } catch (DicomException | RuntimeException e) {
            throw new IOException(file + ": cannot read RT Structure Set: " + e.getMessage(), e);
        }
        return parse(l, file);
    }

    /** The structure set in a data set already read ({@code file} names it in errors). */
    static StructureSet parse(AttributeList l, Path file) throws IOException {
        if (!SOPClass.RTStructureSetStorage.equals(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPClassUID))) {
            throw new IOException(file + ": not an RT Structure Set");
        }
        // the observations close the data set (Type 1): without them it was cut short, and a
        // truncated contour sequence would otherwise read as empty ROIs
        if (!(l.get(RT_ROI_OBSERVATIONS_SEQUENCE) instanceof SequenceAttribute)) {
            throw new IOException(file + ": incomplete RT Structure Set (no RT ROI Observations Sequence; truncated?)");
        }
        Map<Integer, String> names = byRoiNumber(l, STRUCTURE_SET_ROI_SEQUENCE, ROI_NUMBER, ROI_NAME);
        Map<Integer, String> frames = byRoiNumber(l, STRUCTURE_SET_ROI_SEQUENCE, ROI_NUMBER, REFERENCED_FRAME_OF_REFERENCE_UID);
        Map<Integer, String> algorithms = byRoiNumber(l, STRUCTURE_SET_ROI_SEQUENCE, ROI_NUMBER, ROI_GENERATION_ALGORITHM);
        Map<Integer, String> types = byRoiNumber(l, RT_ROI_OBSERVATIONS_SEQUENCE, REFERENCED_ROI_NUMBER,
                RT_ROI_INTERPRETED_TYPE);
        Map<Integer, AttributeList> contourItems = new HashMap<>();
        for (AttributeList item : items(l, ROI_CONTOUR_SEQUENCE)) {
            contourItems.put(Attribute.getSingleIntegerValueOrDefault(item, REFERENCED_ROI_NUMBER, -1), item);
        }
        List<Roi> rois = new ArrayList<>();
        for (Map.Entry<Integer, String> e : names.entrySet()) {
            int n = e.getKey();
            try {
                rois.add(roi(n, e.getValue(), types.getOrDefault(n, "").toUpperCase(Locale.ROOT),
                        algorithms.getOrDefault(n, "").toUpperCase(Locale.ROOT), contourItems.get(n)));
            } catch (IOException bad) {
                throw new IOException(file + ": " + bad.getMessage(), bad);
            }
        }
        rois.sort((a, b) -> Integer.compare(a.number(), b.number()));
        return new StructureSet(frameOfReference(l, frames), referencedSeries(l), rois);
    }

    /** One string per ROI Number from the items of a sequence: {@code numberTag} keys, {@code valueTag} values. */
    private static Map<Integer, String> byRoiNumber(AttributeList l, AttributeTag sequence, AttributeTag numberTag,
                                                    AttributeTag valueTag) {
        Map<Integer, String> out = new LinkedHashMap<>();
        for (AttributeList item : items(l, sequence)) {
            out.put(Attribute.getSingleIntegerValueOrDefault(item, numberTag, -1),
                    Attribute.getSingleStringValueOrEmptyString(item, valueTag).trim());
        }
        return out;
    }

    private static Roi roi(int number, String name, String type, String algorithm, AttributeList contourItem)
            throws IOException {
        List<double[]> closed = new ArrayList<>();
        int other = 0;
        int[] rgb = null;
        if (contourItem != null) {
            try {
                Attribute colour = contourItem.get(ROI_DISPLAY_COLOR);
                if (colour != null && colour.getVM() == 3) rgb = colour.getIntegerValues();
                for (AttributeList c : items(contourItem, CONTOUR_SEQUENCE)) {
                    String geometric = Attribute.getSingleStringValueOrEmptyString(c, CONTOUR_GEOMETRIC_TYPE).trim();
                    Attribute data = c.get(CONTOUR_DATA);
                    double[] xyz = data == null ? new double[0] : data.getDoubleValues();
                    int points = Attribute.getSingleIntegerValueOrDefault(c, NUMBER_OF_CONTOUR_POINTS, xyz.length / 3);
                    if (points * 3 != xyz.length) {
                        throw new IOException("ROI '" + name + "': a contour says " + points + " points but holds "
                                + xyz.length + " coordinates (cut short?)");
                    }
                    // CLOSEDPLANAR_XOR (2022) says outright what CLOSED_PLANAR contours are read as here
                    boolean isClosed = geometric.equals("CLOSED_PLANAR") || geometric.equals("CLOSEDPLANAR_XOR");
                    if (isClosed && xyz.length >= 9 && xyz.length % 3 == 0) closed.add(xyz);
                    else other++;
                }
            } catch (DicomException e) {
                throw new IOException("ROI '" + name + "': unreadable contour data: " + e.getMessage(), e);
            }
        }
        return new Roi(number, name, type, algorithm, rgb, closed, other);
    }

    /** The Referenced Frame of Reference's UID, else any ROI's, else the data set's own. */
    private static String frameOfReference(AttributeList l, Map<Integer, String> roiFrames) {
        for (AttributeList item : items(l, REFERENCED_FRAME_OF_REFERENCE_SEQUENCE)) {
            String uid = Attribute.getSingleStringValueOrEmptyString(item, TagFromName.FrameOfReferenceUID).trim();
            if (!uid.isEmpty()) return uid;
        }
        for (String uid : roiFrames.values()) if (!uid.isEmpty()) return uid;
        return Attribute.getSingleStringValueOrEmptyString(l, TagFromName.FrameOfReferenceUID).trim();
    }

    private static List<AttributeList> items(AttributeList l, AttributeTag tag) {
        return DicomAttributes.items(List.of(l), tag);
    }

    /** The first Series Instance UID under frame of reference, study and series references, or "". */
    private static String referencedSeries(AttributeList l) {
        List<AttributeList> series = DicomAttributes.items(DicomAttributes.items(items(l,
                REFERENCED_FRAME_OF_REFERENCE_SEQUENCE), RtStructWriter.RT_REFERENCED_STUDY_SEQUENCE),
                RtStructWriter.RT_REFERENCED_SERIES_SEQUENCE);
        return series.stream().map(x -> Attribute.getSingleStringValueOrEmptyString(x, TagFromName.SeriesInstanceUID).trim())
                .filter(uid -> !uid.isEmpty()).findFirst().orElse("");
    }

    /**
     * One entry of a class list: the ROI to take and the class it becomes, written {@code ROI}
     * (the class named as the ROI) or {@code ROI=CLASS}, since every institution names its
     * structures its own way ("Kidney_R=right kidney").
     */
    record Pick(String roi, String className) {
        static Pick of(String entry) {
            int eq = entry.indexOf('=');
            if (eq < 0) return new Pick(entry.trim(), entry.trim());
            String roi = entry.substring(0, eq).trim(), cls = entry.substring(eq + 1).trim();
            if (roi.isEmpty() || cls.isEmpty()) throw new IllegalArgumentException("'" + entry + "': write ROI=CLASS");
            return new Pick(roi, cls);
        }
    }

    /** Refuses a class list entry that is neither {@code ROI} nor {@code ROI=CLASS}, before any case is read. */
    public static void checkClassNames(List<String> classNames) {
        if (classNames != null) classNames.forEach(Pick::of);
    }

    /**
     * The structure set on {@code series}' grid. {@code classNames} picks and orders the ROIs
     * by name (case, spaces and underscores aside; a name no ROI has is a class with no
     * voxels, and a warning), each entry {@code ROI} or {@code ROI=CLASS} ({@link Pick}); null
     * takes every ROI in ROI Number order but those holding only points or open lines
     * (isocentres, markers). A structure set on another frame of reference than the series is
     * refused.
     */
    public static Rasterized read(Path file, Volume series, List<String> classNames) throws IOException {
        List<Pick> picks = classNames == null ? null : classNames.stream().map(Pick::of).toList();
        StructureSet s = load(file);
        String own = series.identity().frameOfReferenceUid();
        if (!s.frameOfReferenceUid().isEmpty() && !own.isEmpty() && !s.frameOfReferenceUid().equals(own)) {
            throw new IOException(file + ": the RT Structure Set outlines frame of reference " + s.frameOfReferenceUid()
                    + ", not the series' " + own);
        }
        List<String> warnings = new ArrayList<>();
        List<Roi> chosen = choose(s, picks, warnings);
        return new Rasterized(paint(chosen, picks, series.geometry(), warnings), warnings, s);
    }

    private static List<Roi> choose(StructureSet s, List<Pick> picks, List<String> warnings) {
        List<Roi> out = new ArrayList<>();
        if (picks == null) {
            for (Roi r : s.rois()) {
                // an empty ROI is a structure not present in this case, still a class; one of
                // only points or open lines (an isocentre, a marker) is no structure at all
                if (r.contours().isEmpty() && r.notClosed() > 0) {
                    warnings.add("ROI '" + r.name() + "' holds only points or open lines: left out");
                } else {
                    out.add(r);
                }
            }
            return out;
        }
        for (Pick p : picks) {
            Roi found = named(s.rois(), p.roi());
            if (found == null) warnings.add("no ROI named '" + p.roi() + "' (the structure set has " + s.names() + ")");
            out.add(found);
        }
        return out;
    }

    /**
     * The ROI named {@code name}: the same name, else the only one named for the same structure
     * in other words ({@link StructureNames}: "right kidney" picks {@code Kidney_R}); null if none.
     */
    static Roi named(List<Roi> rois, String name) {
        String key = SegmentClass.nameKey(name);
        Roi exact = rois.stream().filter(r -> SegmentClass.nameKey(r.name()).equals(key)).findFirst().orElse(null);
        if (exact != null) return exact;
        List<Roi> same = rois.stream().filter(r -> StructureNames.same(r.name(), name)).toList();
        return same.size() == 1 ? same.get(0) : null;
    }

    /**
     * The ROI's contours by plane ({@link ContourStack}): polygons, not masks, so that a
     * structure set of many ROIs on a large series costs one slice of memory to fill, not a
     * volume per ROI.
     */
    private static ContourStack stack(Roi r, Geometry g, List<String> warnings) {
        ContourStack stack = new ContourStack(r.contours(), g);
        if (stack.off() > 0) {
            warnings.add(stack.off() + " contour(s) of ROI '" + r.name() + "' lie outside the series or across its slices:"
                    + " left out");
        }
        if (r.notClosed() > 0) {
            warnings.add(r.notClosed() + " contour(s) of ROI '" + r.name() + "' are points or open lines: left out");
        }
        return stack;
    }

    /** Calls {@code pixel.accept(index)} for every voxel inside the ROI, slice by slice. */
    private static void forEachVoxel(ContourStack stack, Geometry g, java.util.function.IntConsumer pixel) {
        int[] range = stack == null ? null : stack.slices();
        if (range == null) return;
        int nx = g.nx(), ny = g.ny();
        boolean[] slice = new boolean[nx * ny];
        for (int z = range[0]; z <= range[1]; z++) {
            java.util.Arrays.fill(slice, false);
            stack.fill(z, slice);
            int base = z * nx * ny;
            for (int i = 0; i < slice.length; i++) if (slice[i]) pixel.accept(base + i);
        }
    }

    /** Labels 1..n in the chosen order; larger structures painted first, so nested ones stay on top. */
    private static LabelVolume paint(List<Roi> chosen, List<Pick> picks, Geometry g, List<String> warnings) {
        if (chosen.size() > 255) throw new IllegalArgumentException("more than 255 structures: pick some with class names");
        List<SegmentClass> classes = new ArrayList<>();
        List<ContourStack> stacks = new ArrayList<>();
        long[] count = new long[chosen.size()];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            Roi r = chosen.get(i);
            classes.add(segmentClass(i + 1, picks != null ? picks.get(i).className() : r.name(), r, chosen.size()));
            stacks.add(r == null ? null : stack(r, g, warnings));
            int k = i;
            forEachVoxel(stacks.get(i), g, v -> count[k]++);
            order.add(i);
        }
        order.sort((a, b) -> Long.compare(count[b], count[a]));
        byte[] labels = new byte[(int) g.voxelCount()];
        int rois = 0, slices = 0;
        for (int i : order) {
            byte label = (byte) (i + 1);
            ContourStack stack = stacks.get(i);
            int before = stack == null ? 0 : stack.interpolated();
            forEachVoxel(stack, g, v -> labels[v] = label);
            int filled = stack == null ? 0 : stack.interpolated() - before;
            if (filled > 0) {
                rois++;
                slices += filled;
            }
        }
        if (rois > 0) {
            warnings.add(slices + " slice(s) of " + rois + " ROI(s) lie between contour planes: filled with the shape"
                    + " interpolated between the nearest contours above and below");
        }
        return new LabelVolume(labels, g, classes);
    }

    private static SegmentClass segmentClass(int label, String name, Roi r, int n) {
        int[] rgb = r != null && r.rgb() != null ? r.rgb() : SegmentClass.hue(label, n);
        boolean lesion = r != null && LESION_TYPES.contains(r.interpretedType());
        return new SegmentClass(label, name, rgb, lesion ? SegmentClass.MORPHOLOGICALLY_ABNORMAL
                : SegmentClass.ANATOMICAL_STRUCTURE, new CodedConcept("", "", name));
    }

}
