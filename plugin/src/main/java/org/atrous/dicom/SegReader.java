package org.atrous.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

/**
 * Reads a DICOM Segmentation (BINARY, or FRACTIONAL thresholded at half the Maximum
 * Fractional Value) into a {@link LabelVolume}. Label value = segment number (1..255), one
 * {@link SegmentClass} per segment with its label, codes and recommended colour; where
 * segments overlap, the higher segment number wins.
 *
 * <p>Two grids: {@link #read(Path, Volume)} puts the frames on the referenced series' grid,
 * matching each frame to a slice by the Referenced SOP Instance UID (and frame number) of its
 * Source Image Sequence, falling back to its Image Position (Patient); {@link #read(Path)}
 * builds the SEG's own grid from its plane positions when the series is not at hand.
 */
public final class SegReader {
    private static final AttributeTag SEGMENT_IDENTIFICATION = new AttributeTag(0x0062, 0x000A);
    private static final AttributeTag REFERENCED_SEGMENT_NUMBER = new AttributeTag(0x0062, 0x000B);
    private static final AttributeTag MAX_FRACTIONAL = new AttributeTag(0x0062, 0x000E);
    private static final AttributeTag PLANE_POSITION = new AttributeTag(0x0020, 0x9113);

    private SegReader() { }

    /** The SEG on the grid of the series it segments; refused when it is not on the series' slices. */
    public static LabelVolume read(Path seg, Volume series) throws IOException {
        return onSlices(load(seg), seg, series);
    }

    /**
     * The SEG on the series' grid: on the series' own slices as above, or, for a SEG made on
     * another reconstruction in the same Frame of Reference (other slices or pixel size),
     * resampled from its own grid ({@link LabelResampling}) with a warning to {@code warn}.
     */
    public static LabelVolume read(Path seg, Volume series, java.util.function.Consumer<String> warn) throws IOException {
        Seg s = load(seg);
        try {
            return onSlices(s, seg, series);
        } catch (IOException notOnSlices) {
            String own = s.frameOfReference, theirs = series.identity().frameOfReferenceUid();
            if (own.isEmpty() || theirs == null || !own.equals(theirs)) {
                throw new IOException(notOnSlices.getMessage() + (own.isEmpty() ? "" : "; its Frame of Reference " + own
                        + (own.equals(theirs) ? "" : " is not the series' " + theirs + ", so it cannot be resampled")), notOnSlices);
            }
            LabelVolume mine = onOwnGrid(s, seg);
            LabelResampling.Result r = LabelResampling.onto(mine, series.geometry());
            warn.accept("its frames are not on the series' slices (a SEG of another reconstruction in the same Frame of"
                    + " Reference): resampled from its own grid (" + mine.geometry().describe() + ") onto the series' ("
                    + series.geometry().describe() + "), each segment interpolated linearly, the heaviest kept");
            LabelResampling.warnLost(r, warn);
            return r.labels();
        }
    }

    private static LabelVolume onSlices(Seg s, Path seg, Volume series) throws IOException {
        Geometry g = series.geometry();
        if (s.rows != g.ny() || s.cols != g.nx()) {
            throw new IOException(seg + ": SEG frames are " + s.cols + "x" + s.rows + " but the series is "
                    + g.nx() + "x" + g.ny());
        }
        Map<String, Integer> byUid = new HashMap<>();
        for (int z = 0; z < series.slices().size(); z++) {
            SliceSource src = series.slices().get(z);
            byUid.put(src.sopInstanceUid() + "#" + src.frame(), z);
        }
        int[] zOf = new int[s.frames.size()];
        for (int f = 0; f < zOf.length; f++) {
            FrameInfo fi = s.frames.get(f);
            Integer z = fi.sourceUid == null ? null : byUid.get(fi.sourceUid + "#" + fi.sourceFrame);
            zOf[f] = z != null ? z : byPosition(fi.position, g, seg, f);
        }
        return s.toLabels(g, zOf);
    }

    /** The SEG on its own grid, built from its frames' positions, orientation and pixel measures. */
    public static LabelVolume read(Path seg) throws IOException {
        return onOwnGrid(load(seg), seg);
    }

    private static LabelVolume onOwnGrid(Seg s, Path seg) throws IOException {
        double[] iop = s.orientation;
        double[] n = cross(iop);
        TreeMap<Double, double[]> planes = new TreeMap<>();
        for (FrameInfo f : s.frames) {
            if (f.position == null) throw new IOException(seg + ": a frame has no Image Position (Patient)");
            double d = dot(f.position, n);
            if (planes.keySet().stream().noneMatch(k -> Math.abs(k - d) < 1e-3)) planes.put(d, f.position);
        }
        List<Double> ds = new ArrayList<>(planes.keySet());
        double spacing = ds.size() > 1 ? (ds.get(ds.size() - 1) - ds.get(0)) / (ds.size() - 1) : s.thickness;
        Geometry g = new Geometry(new int[] {s.cols, s.rows, ds.size()},
                new double[] {s.pixelSpacing[1], s.pixelSpacing[0], spacing > 0 ? spacing : 1}, planes.firstEntry().getValue(),
                new double[] {iop[0], iop[1], iop[2], iop[3], iop[4], iop[5], n[0], n[1], n[2]});
        int[] zOf = new int[s.frames.size()];
        for (int f = 0; f < zOf.length; f++) zOf[f] = byPosition(s.frames.get(f).position, g, seg, f);
        return s.toLabels(g, zOf);
    }

    /**
     * The Segment Algorithm Type of the SEG's first segment (AUTOMATIC, SEMIAUTOMATIC or MANUAL;
     * empty when missing), read without the pixel data.
     */
    public static String algorithmType(Path seg) throws IOException {
        if (!Files.isRegularFile(seg)) throw new IOException("no such SEG file: " + seg);
        AttributeList l = new AttributeList();
        try {
            l.read(seg.toFile(), TagFromName.PixelData);
        } catch (DicomException e) {
            throw new IOException("cannot read SEG " + seg + ": " + e.getMessage(), e);
        }
        SequenceAttribute seq = (SequenceAttribute) l.get(TagFromName.SegmentSequence);
        if (seq == null || seq.getNumberOfItems() == 0) return "";
        return Attribute.getSingleStringValueOrEmptyString(seq.getItem(0).getAttributeList(),
                TagFromName.SegmentAlgorithmType).trim();
    }

    private static int byPosition(double[] p, Geometry g, Path seg, int frame) throws IOException {
        if (p == null) throw new IOException(seg + ": frame " + (frame + 1) + " matches no slice and has no position");
        double[] n = g.sliceDirection(), o = g.origin();
        double along = ((p[0] - o[0]) * n[0] + (p[1] - o[1]) * n[1] + (p[2] - o[2]) * n[2]) / g.spacing()[2];
        int z = (int) Math.round(along);
        if (z < 0 || z >= g.nz() || Math.abs(along - z) > 0.25) {
            throw new IOException(seg + ": frame " + (frame + 1) + " at " + java.util.Arrays.toString(p)
                    + " lies on no slice of the series");
        }
        return z;
    }

    private record FrameInfo(int segment, String sourceUid, int sourceFrame, double[] position) { }

    /** What the SEG holds, before it is put on a grid. */
    private static final class Seg {
        int rows, cols;
        boolean fractional;
        int maxFractional = 1;
        double[] orientation = {1, 0, 0, 0, 1, 0};
        double[] pixelSpacing = {1, 1};
        double thickness = 1;
        String frameOfReference = "";
        final List<FrameInfo> frames = new ArrayList<>();
        final List<SegmentClass> classes = new ArrayList<>();
        byte[] pixels;

        LabelVolume toLabels(Geometry g, int[] zOf) {
            int n = rows * cols;
            byte[] labels = new byte[(int) g.voxelCount()];
            Integer[] order = new Integer[frames.size()];
            for (int i = 0; i < order.length; i++) order[i] = i;
            java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> frames.get(i).segment));
            for (int f : order) {
                int off = zOf[f] * n, seg = frames.get(f).segment;
                for (int i = 0; i < n; i++) if (on(f, i, n)) labels[off + i] = (byte) seg;
            }
            return new LabelVolume(labels, g, classes);
        }

        private boolean on(int frame, int i, int n) {
            long k = (long) frame * n + i;
            if (!fractional) return (pixels[(int) (k >>> 3)] >> (k & 7) & 1) != 0;
            return (pixels[(int) k] & 0xff) * 2 >= maxFractional;
        }
    }

    private static Seg load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("no such SEG file: " + file);
        AttributeList l = new AttributeList();
        try {
            l.read(file.toFile());
            if (!SegWriter.SEGMENTATION_STORAGE.equals(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPClassUID))) {
                throw new IOException(file + " is not a DICOM Segmentation");
            }
            return parse(l, file);
        } catch (DicomException e) {
            throw new IOException("cannot read SEG " + file + ": " + e.getMessage(), e);
        }
    }

    private static Seg parse(AttributeList l, Path file) throws DicomException, IOException {
        Seg s = new Seg();
        s.rows = Attribute.getSingleIntegerValueOrDefault(l, TagFromName.Rows, 0);
        s.cols = Attribute.getSingleIntegerValueOrDefault(l, TagFromName.Columns, 0);
        s.frameOfReference = Attribute.getSingleStringValueOrEmptyString(l, TagFromName.FrameOfReferenceUID).trim();
        String type = Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SegmentationType);
        s.fractional = "FRACTIONAL".equals(type);
        if (!s.fractional && !"BINARY".equals(type)) throw new IOException(file + ": unknown Segmentation Type " + type);
        if (s.fractional) s.maxFractional = Attribute.getSingleIntegerValueOrDefault(l, MAX_FRACTIONAL, 255);
        parseSegments(l, s, file);
        AttributeList shared = firstItem(l, TagFromName.SharedFunctionalGroupsSequence);
        parseShared(shared, s);
        SequenceAttribute perFrame = (SequenceAttribute) l.get(TagFromName.PerFrameFunctionalGroupsSequence);
        int nFrames = Attribute.getSingleIntegerValueOrDefault(l, TagFromName.NumberOfFrames, 1);
        for (int f = 0; f < nFrames; f++) {
            AttributeList item = perFrame == null ? null : perFrame.getItem(f).getAttributeList();
            s.frames.add(frame(item, shared, file, f));
        }
        s.pixels = pixelBytes(l.get(TagFromName.PixelData), file);
        long needed = s.fractional ? (long) nFrames * s.rows * s.cols : ((long) nFrames * s.rows * s.cols + 7) / 8;
        if (s.pixels.length < needed) throw new IOException(file + ": pixel data is shorter than its frames");
        return s;
    }

    private static void parseSegments(AttributeList l, Seg s, Path file) throws IOException {
        SequenceAttribute seq = (SequenceAttribute) l.get(TagFromName.SegmentSequence);
        if (seq == null) throw new IOException(file + ": no Segment Sequence");
        for (int i = 0; i < seq.getNumberOfItems(); i++) {
            AttributeList item = seq.getItem(i).getAttributeList();
            int number = Attribute.getSingleIntegerValueOrDefault(item, TagFromName.SegmentNumber, i + 1);
            if (number < 1 || number > 255) throw new IOException(file + ": segment number " + number + " is outside 1..255");
            String label = Attribute.getSingleStringValueOrDefault(item, TagFromName.SegmentLabel, "segment " + number);
            int[] lab = Attribute.getIntegerValues(item, TagFromName.RecommendedDisplayCIELabValue);
            s.classes.add(new SegmentClass(number, label.trim(), lab != null && lab.length == 3 ? CieLab.toRgb(lab) : palette(number),
                    code(item, TagFromName.SegmentedPropertyCategoryCodeSequence),
                    code(item, TagFromName.SegmentedPropertyTypeCodeSequence)));
        }
    }

    private static void parseShared(AttributeList shared, Seg s) throws DicomException {
        AttributeList orient = firstItem(shared, TagFromName.PlaneOrientationSequence);
        double[] iop = orient == null ? null : Attribute.getDoubleValues(orient, TagFromName.ImageOrientationPatient);
        if (iop != null && iop.length == 6) s.orientation = iop;
        AttributeList measures = firstItem(shared, TagFromName.PixelMeasuresSequence);
        double[] ps = measures == null ? null : Attribute.getDoubleValues(measures, TagFromName.PixelSpacing);
        if (ps != null && ps.length == 2) s.pixelSpacing = ps;
        if (measures != null) s.thickness = Attribute.getSingleDoubleValueOrDefault(measures, TagFromName.SliceThickness, 1);
    }

    private static FrameInfo frame(AttributeList item, AttributeList shared, Path file, int f)
            throws DicomException, IOException {
        AttributeList segId = group(item, shared, SEGMENT_IDENTIFICATION);
        if (segId == null) throw new IOException(file + ": frame " + (f + 1) + " names no segment");
        int segment = Attribute.getSingleIntegerValueOrDefault(segId, REFERENCED_SEGMENT_NUMBER, 0);
        AttributeList pos = group(item, shared, PLANE_POSITION);
        double[] p = pos == null ? null : Attribute.getDoubleValues(pos, TagFromName.ImagePositionPatient);
        String uid = null;
        int srcFrame = 1;
        AttributeList derivation = group(item, shared, TagFromName.DerivationImageSequence);
        AttributeList source = derivation == null ? null : firstItem(derivation, TagFromName.SourceImageSequence);
        if (source != null) {
            uid = Attribute.getSingleStringValueOrNull(source, TagFromName.ReferencedSOPInstanceUID);
            srcFrame = Attribute.getSingleIntegerValueOrDefault(source, TagFromName.ReferencedFrameNumber, 1);
        }
        return new FrameInfo(segment, uid, srcFrame, p != null && p.length == 3 ? p : null);
    }

    /** A functional group's first item, from the frame's own groups or else the shared ones. */
    private static AttributeList group(AttributeList perFrame, AttributeList shared, AttributeTag tag) {
        AttributeList own = perFrame == null ? null : firstItem(perFrame, tag);
        return own != null ? own : shared == null ? null : firstItem(shared, tag);
    }

    private static AttributeList firstItem(AttributeList l, AttributeTag tag) {
        Attribute a = l == null ? null : l.get(tag);
        if (!(a instanceof SequenceAttribute s) || s.getNumberOfItems() == 0) return null;
        return s.getItem(0).getAttributeList();
    }

    private static byte[] pixelBytes(Attribute px, Path file) throws DicomException, IOException {
        if (px == null) throw new IOException(file + ": no Pixel Data");
        if (px instanceof OtherWordAttribute ow) {
            short[] w = ow.getShortValues();
            byte[] b = new byte[w.length * 2];
            for (int i = 0; i < w.length; i++) {
                b[2 * i] = (byte) w[i];
                b[2 * i + 1] = (byte) (w[i] >> 8);
            }
            return b;
        }
        return px.getByteValues();
    }

    private static CodedConcept code(AttributeList item, AttributeTag tag) {
        CodedSequenceItem c = CodedSequenceItem.getSingleCodedSequenceItemOrNull(item, tag);
        return c == null ? new CodedConcept("", "", "") : new CodedConcept(c.getCodeValue(), c.getCodingSchemeDesignator(),
                c.getCodeMeaning());
    }

    private static int[] palette(int n) {
        int[][] p = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 0}, {0, 255, 255}, {255, 0, 255}, {255, 128, 0}};
        return p[(n - 1) % p.length];
    }

    private static double[] cross(double[] iop) {
        return new double[] {iop[1] * iop[5] - iop[2] * iop[4], iop[2] * iop[3] - iop[0] * iop[5],
                iop[0] * iop[4] - iop[1] * iop[3]};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
