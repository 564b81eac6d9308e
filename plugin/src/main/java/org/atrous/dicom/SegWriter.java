package org.atrous.dicom;

import static org.atrous.dicom.CtSeriesWriter.ds;
import static org.atrous.dicom.DicomAttributes.put;
import static org.atrous.dicom.DicomAttributes.putInt;
import static org.atrous.dicom.DicomAttributes.sequence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.AttributeTagAttribute;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.ValueRepresentation;

/**
 * Writes a {@link LabelVolume} as a BINARY DICOM Segmentation referencing the source series,
 * or a model's per-class probabilities as a FRACTIONAL one (PROBABILITY, 8 bits, maximum 255:
 * the bytes Atrous keeps them in, written unchanged). One segment per class of the label volume
 * (numbered 1..n in label order, so labels 1..n read back unchanged); frames only where a
 * segment has voxels (or a probability above 0), segment by segment, slice by slice (an
 * all-empty volume gets one empty frame of its first segment, since a SEG needs at least one
 * frame). Ground truth is MANUAL, model output AUTOMATIC with the algorithm's name and version.
 */
public final class SegWriter {
    public static final String SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4";
    private static final AttributeTag SEGMENT_IDENTIFICATION = new AttributeTag(0x0062, 0x000A);
    private static final AttributeTag REFERENCED_SEGMENT_NUMBER = new AttributeTag(0x0062, 0x000B);
    private static final AttributeTag PLANE_POSITION = new AttributeTag(0x0020, 0x9113);
    private static final AttributeTag FRACTIONAL_TYPE = new AttributeTag(0x0062, 0x0010);
    private static final AttributeTag MAX_FRACTIONAL_VALUE = new AttributeTag(0x0062, 0x000E);

    /** Identity of the SEG instance itself. */
    public record Target(String seriesInstanceUid, String sopInstanceUid, int seriesNumber, String seriesDescription) {
        /** New random UIDs ({@code 2.25.<uuid>}). */
        public static Target fresh(int seriesNumber, String description) {
            return new Target(randomUid(), randomUid(), seriesNumber, description);
        }
    }

    private SegWriter() { }

    public static String randomUid() {
        UUID u = UUID.randomUUID();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits());
        return "2.25." + new java.math.BigInteger(1, b.array());
    }

    /** A {@code 2.25.} UID named after {@code name}: stable, so fixed inputs give byte-identical files. */
    static String derivedUid(String name) {
        UUID u = UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits());
        return "2.25." + new java.math.BigInteger(1, b.array());
    }

    /** The segment number each label gets in a SEG of these labels: their classes in label order, from 1. */
    public static java.util.Map<Integer, Integer> segmentNumbers(LabelVolume labels) {
        List<SegmentClass> classes = new ArrayList<>(labels.classes());
        classes.sort(java.util.Comparator.comparingInt(SegmentClass::label));
        java.util.Map<Integer, Integer> numbers = new java.util.LinkedHashMap<>();
        for (int s = 0; s < classes.size(); s++) numbers.put(classes.get(s).label(), s + 1);
        return numbers;
    }

    /** Writes the SEG to {@code file} (through a temporary file renamed when complete). */
    public static void write(LabelVolume labels, Volume source, SegmentationAlgorithm algorithm, Target target,
                             Path file) throws IOException {
        write(labels, Pixels.binary(labels), source, algorithm, target, file, TransferSyntax.ExplicitVRLittleEndian);
    }

    /**
     * Writes a FRACTIONAL SEG of probabilities: {@code probability.apply(label)} gives that
     * class's bytes on the grid of {@code classes} ({@code p = q / 255}); the label volume names
     * the classes and the grid, its labels are not written. With {@code deflate} the file is
     * Deflated Explicit VR Little Endian: a byte per voxel, class and frame is mostly zeros and
     * smooth ramps, so it shrinks about 90-fold (18 MB to 0.2 MB for the demo series). Without it,
     * Explicit VR Little Endian, which every receiver accepts.
     */
    public static void writeFractional(IntFunction<byte[]> probability, LabelVolume classes, Volume source,
                                       SegmentationAlgorithm algorithm, Target target, Path file, boolean deflate)
            throws IOException {
        write(classes, Pixels.fractional(probability), source, algorithm, target, file,
                deflate ? TransferSyntax.DeflatedExplicitVRLittleEndian : TransferSyntax.ExplicitVRLittleEndian);
    }

    private static void write(LabelVolume labels, Pixels pixels, Volume source, SegmentationAlgorithm algorithm,
                              Target target, Path file, String transferSyntax) throws IOException {
        check(labels, source);
        try {
            AttributeList l = build(labels, pixels, source, algorithm, target, transferSyntax);
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            l.write(tmp.toFile(), transferSyntax, true, true);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (DicomException e) {
            throw new IOException("cannot write SEG: " + e.getMessage(), e);
        }
    }

    private static void check(LabelVolume labels, Volume source) {
        if (!labels.geometry().sameGrid(source.geometry(), 1e-3)) {
            throw new IllegalArgumentException("labels " + labels.geometry() + " are not on the source grid " + source.geometry());
        }
        if (source.slices().isEmpty()) throw new IllegalArgumentException("the source volume has no DICOM instances to reference");
        if (source.identity().frameOfReferenceUid().isEmpty()) {
            throw new IllegalArgumentException("the source volume has no Frame of Reference UID");
        }
        if (labels.classes().isEmpty()) throw new IllegalArgumentException("the label volume has no classes");
        long[] h = labels.histogram();
        for (int v = 1; v < 256; v++) {
            if (h[v] > 0 && labels.classOf(v) == null) throw new IllegalArgumentException("label " + v + " has no class");
        }
    }

    private record Frame(int segment, SegmentClass cls, int z) { }

    /**
     * What a frame holds: one bit per pixel from the labels (BINARY), or one byte of probability
     * per pixel (FRACTIONAL). {@code values(label)} is null for BINARY.
     */
    private record Pixels(boolean fractional, byte[] labels, IntFunction<byte[]> values) {
        static Pixels binary(LabelVolume l) { return new Pixels(false, l.labels(), null); }

        static Pixels fractional(IntFunction<byte[]> p) { return new Pixels(true, null, p); }

        /** Whether segment {@code label} has anything on the n pixels from {@code from}. */
        boolean present(int label, int from, int n) {
            byte[] v = fractional ? values.apply(label) : labels;
            for (int i = from; i < from + n; i++) {
                if (fractional ? v[i] != 0 : (v[i] & 0xff) == label) return true;
            }
            return false;
        }
    }

    private static AttributeList build(LabelVolume labels, Pixels pixels, Volume source, SegmentationAlgorithm algo,
                                       Target t, String transferSyntax) throws DicomException {
        List<SegmentClass> classes = new ArrayList<>(labels.classes());
        classes.sort(java.util.Comparator.comparingInt(SegmentClass::label));
        List<Frame> frames = frames(labels.geometry(), classes, pixels);
        Geometry g = source.geometry();
        AttributeList l = new AttributeList();
        put(l, TagFromName.SpecificCharacterSet, ValueRepresentation.CS, "ISO_IR 192");
        put(l, TagFromName.SOPClassUID, ValueRepresentation.UI, SEGMENTATION_STORAGE);
        put(l, TagFromName.SOPInstanceUID, ValueRepresentation.UI, t.sopInstanceUid());
        DicomAttributes.putPatientAndStudy(l, source.identity());
        putSeriesAndEquipment(l, source, algo, t);
        putImage(l, g, frames.size(), algo, pixels.fractional());
        putSegments(l, classes, algo);
        putReferences(l, source);
        putDimensions(l, t);
        putSharedGroups(l, g);
        putPerFrameGroups(l, frames, source);
        if (pixels.fractional()) putFractionalPixels(l, frames, labels.geometry(), pixels.values());
        else putPixels(l, frames, labels);
        FileMetaInformation.addFileMetaInformation(l, transferSyntax, "ATROUS");
        return l;
    }

    private static List<Frame> frames(Geometry g, List<SegmentClass> classes, Pixels pixels) {
        int n = g.nx() * g.ny();
        List<Frame> frames = new ArrayList<>();
        for (int s = 0; s < classes.size(); s++) {
            for (int z = 0; z < g.nz(); z++) {
                if (pixels.present(classes.get(s).label(), z * n, n)) frames.add(new Frame(s + 1, classes.get(s), z));
            }
        }
        if (frames.isEmpty()) frames.add(new Frame(1, classes.get(0), 0));
        return frames;
    }

    private static void putSeriesAndEquipment(AttributeList l, Volume source, SegmentationAlgorithm algo, Target t) {
        put(l, TagFromName.Modality, ValueRepresentation.CS, "SEG");
        put(l, TagFromName.SeriesInstanceUID, ValueRepresentation.UI, t.seriesInstanceUid());
        putInt(l, TagFromName.SeriesNumber, ValueRepresentation.IS, t.seriesNumber());
        put(l, TagFromName.SeriesDescription, ValueRepresentation.LO, t.seriesDescription());
        put(l, TagFromName.FrameOfReferenceUID, ValueRepresentation.UI, source.identity().frameOfReferenceUid());
        put(l, TagFromName.PositionReferenceIndicator, ValueRepresentation.LO);
        put(l, TagFromName.Manufacturer, ValueRepresentation.LO, "Atrous");
        put(l, TagFromName.ManufacturerModelName, ValueRepresentation.LO, "Atrous");
        put(l, TagFromName.DeviceSerialNumber, ValueRepresentation.LO, "1");
        // the algorithm's version names Atrous's own version and the model's (Models.algorithm)
        put(l, TagFromName.SoftwareVersions, ValueRepresentation.LO, algo.manual() || algo.version().isEmpty() ? "0.1.0" : algo.version());
        put(l, TagFromName.InstanceNumber, ValueRepresentation.IS, "1");
        String date = source.identity().studyDate().isEmpty() ? "20000101" : source.identity().studyDate();
        put(l, TagFromName.ContentDate, ValueRepresentation.DA, date);
        put(l, TagFromName.ContentTime, ValueRepresentation.TM, "120000");
    }

    private static void putImage(AttributeList l, Geometry g, int nFrames, SegmentationAlgorithm algo, boolean fractional) {
        put(l, TagFromName.ImageType, ValueRepresentation.CS, "DERIVED", "PRIMARY");
        put(l, TagFromName.ContentLabel, ValueRepresentation.CS, algo.manual() ? "GROUND_TRUTH" : "SEGMENTATION");
        put(l, TagFromName.ContentDescription, ValueRepresentation.LO, truncate(algo.description(), 64));
        // the whole description (General Image's LT, 10240 characters): Content Description keeps only 64
        put(l, TagFromName.ImageComments, ValueRepresentation.LT, truncate(algo.description(), 10240));
        put(l, TagFromName.ContentCreatorName, ValueRepresentation.PN,
                !algo.creator().isEmpty() ? algo.creator() : algo.type() == SegmentationAlgorithm.Type.AUTOMATIC ? "ATROUS" : "");
        put(l, TagFromName.SegmentationType, ValueRepresentation.CS, fractional ? "FRACTIONAL" : "BINARY");
        if (fractional) {
            put(l, FRACTIONAL_TYPE, ValueRepresentation.CS, "PROBABILITY");
            putInt(l, MAX_FRACTIONAL_VALUE, ValueRepresentation.US, 255);
        }
        put(l, TagFromName.LossyImageCompression, ValueRepresentation.CS, "00");
        DicomAttributes.putGreyscalePixelModule(l, g.ny(), g.nx(), fractional ? 8 : 1, false);
        putInt(l, TagFromName.NumberOfFrames, ValueRepresentation.IS, nFrames);
    }

    private static void putSegments(AttributeList l, List<SegmentClass> classes, SegmentationAlgorithm algo)
            throws DicomException {
        SequenceAttribute seq = sequence(l, TagFromName.SegmentSequence);
        for (int s = 0; s < classes.size(); s++) {
            SegmentClass c = classes.get(s);
            AttributeList item = new AttributeList();
            putInt(item, TagFromName.SegmentNumber, ValueRepresentation.US, s + 1);
            put(item, TagFromName.SegmentLabel, ValueRepresentation.LO, truncate(c.name(), 64));
            put(item, TagFromName.SegmentAlgorithmType, ValueRepresentation.CS, algo.type().name());
            if (!algo.manual()) put(item, new AttributeTag(0x0062, 0x0009), ValueRepresentation.LO, algo.name());
            code(item, TagFromName.SegmentedPropertyCategoryCodeSequence, c.category());
            code(item, TagFromName.SegmentedPropertyTypeCodeSequence, c.type());
            int[] lab = CieLab.fromRgb(c.rgb());
            putInt(item, TagFromName.RecommendedDisplayCIELabValue, ValueRepresentation.US, lab);
            seq.addItem(item);
        }
    }

    private static void code(AttributeList item, AttributeTag tag, CodedConcept c) throws DicomException {
        CodedSequenceItem.putSingleCodedSequenceItem(item, tag, c.value(), c.scheme(), c.meaning());
    }

    private static void putReferences(AttributeList l, Volume source) {
        SequenceAttribute series = sequence(l, TagFromName.ReferencedSeriesSequence);
        AttributeList item = new AttributeList();
        put(item, TagFromName.SeriesInstanceUID, ValueRepresentation.UI, source.identity().seriesInstanceUid());
        SequenceAttribute instances = sequence(item, TagFromName.ReferencedInstanceSequence);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (SliceSource s : source.slices()) {
            if (seen.add(s.sopInstanceUid())) instances.addItem(DicomAttributes.sopReference(s.sopClassUid(), s.sopInstanceUid()));
        }
        series.addItem(item);
    }

    private static void putDimensions(AttributeList l, Target t) {
        String org = derivedUid(t.sopInstanceUid() + "/dimension-organization"); // same SEG UID, same file
        AttributeList o = new AttributeList();
        put(o, TagFromName.DimensionOrganizationUID, ValueRepresentation.UI, org);
        sequence(l, TagFromName.DimensionOrganizationSequence).addItem(o);
        put(l, TagFromName.DimensionOrganizationType, ValueRepresentation.CS, "3D");
        SequenceAttribute idx = sequence(l, TagFromName.DimensionIndexSequence);
        idx.addItem(dimension(org, REFERENCED_SEGMENT_NUMBER, SEGMENT_IDENTIFICATION, "Referenced Segment Number"));
        idx.addItem(dimension(org, TagFromName.ImagePositionPatient, PLANE_POSITION, "Image Position Patient"));
    }

    private static AttributeList dimension(String org, AttributeTag pointer, AttributeTag group, String label) {
        AttributeList d = new AttributeList();
        put(d, TagFromName.DimensionOrganizationUID, ValueRepresentation.UI, org);
        d.put(at(TagFromName.DimensionIndexPointer, pointer));
        d.put(at(TagFromName.FunctionalGroupPointer, group));
        put(d, TagFromName.DimensionDescriptionLabel, ValueRepresentation.LO, label);
        return d;
    }

    private static AttributeTagAttribute at(AttributeTag tag, AttributeTag value) {
        AttributeTagAttribute a = new AttributeTagAttribute(tag);
        try {
            a.addValue(value);
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
        return a;
    }

    private static void putSharedGroups(AttributeList l, Geometry g) {
        AttributeList shared = new AttributeList();
        double[] d = g.direction();
        AttributeList orient = new AttributeList();
        put(orient, TagFromName.ImageOrientationPatient, ValueRepresentation.DS,
                ds(d[0]), ds(d[1]), ds(d[2]), ds(d[3]), ds(d[4]), ds(d[5]));
        sequence(shared, TagFromName.PlaneOrientationSequence).addItem(orient);
        AttributeList measures = new AttributeList();
        put(measures, TagFromName.PixelSpacing, ValueRepresentation.DS, ds(g.spacing()[1]), ds(g.spacing()[0]));
        put(measures, TagFromName.SliceThickness, ValueRepresentation.DS, ds(g.spacing()[2]));
        put(measures, TagFromName.SpacingBetweenSlices, ValueRepresentation.DS, ds(g.spacing()[2]));
        sequence(shared, TagFromName.PixelMeasuresSequence).addItem(measures);
        sequence(l, TagFromName.SharedFunctionalGroupsSequence).addItem(shared);
    }

    private static void putPerFrameGroups(AttributeList l, List<Frame> frames, Volume source) throws DicomException {
        SequenceAttribute perFrame = sequence(l, TagFromName.PerFrameFunctionalGroupsSequence);
        for (Frame f : frames) {
            AttributeList item = new AttributeList();
            AttributeList content = new AttributeList();
            putInt(content, TagFromName.DimensionIndexValues, ValueRepresentation.UL, f.segment(), f.z() + 1);
            sequence(item, TagFromName.FrameContentSequence).addItem(content);
            double[] p = source.geometry().slicePosition(f.z());
            AttributeList pos = new AttributeList();
            put(pos, TagFromName.ImagePositionPatient, ValueRepresentation.DS, ds(p[0]), ds(p[1]), ds(p[2]));
            sequence(item, PLANE_POSITION).addItem(pos);
            sequence(item, TagFromName.DerivationImageSequence).addItem(derivation(source.slices().get(f.z())));
            AttributeList seg = new AttributeList();
            putInt(seg, REFERENCED_SEGMENT_NUMBER, ValueRepresentation.US, f.segment());
            sequence(item, SEGMENT_IDENTIFICATION).addItem(seg);
            perFrame.addItem(item);
        }
    }

    private static AttributeList derivation(SliceSource src) throws DicomException {
        AttributeList d = new AttributeList();
        CodedSequenceItem.putSingleCodedSequenceItem(d, TagFromName.DerivationCodeSequence, "113076", "DCM", "Segmentation");
        AttributeList ref = DicomAttributes.sopReference(src.sopClassUid(), src.sopInstanceUid());
        if (src.frame() > 1) putInt(ref, TagFromName.ReferencedFrameNumber, ValueRepresentation.IS, src.frame());
        CodedSequenceItem.putSingleCodedSequenceItem(ref, TagFromName.PurposeOfReferenceCodeSequence, "121322", "DCM",
                "Source image for image processing operation");
        sequence(d, TagFromName.SourceImageSequence).addItem(ref);
        return d;
    }

    /** Frames packed one bit per pixel, contiguous across frames, least significant bit first. */
    private static void putPixels(AttributeList l, List<Frame> frames, LabelVolume labels) throws DicomException {
        Geometry g = labels.geometry();
        int n = g.nx() * g.ny();
        long bits = (long) frames.size() * n;
        byte[] packed = new byte[(int) (((bits + 7) / 8 + 1) & ~1L)];
        long bit = 0;
        byte[] lab = labels.labels();
        for (Frame f : frames) {
            int value = f.cls().label(), off = f.z() * n;
            for (int i = 0; i < n; i++, bit++) {
                if ((lab[off + i] & 0xff) == value) packed[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
            }
        }
        OtherByteAttribute px = new OtherByteAttribute(TagFromName.PixelData);
        px.setValues(packed);
        l.put(px);
    }

    /** Frames of one byte per pixel, the probabilities' own bytes, contiguous across frames. */
    private static void putFractionalPixels(AttributeList l, List<Frame> frames, Geometry g, IntFunction<byte[]> values)
            throws DicomException {
        int n = g.nx() * g.ny();
        long size = (long) frames.size() * n;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a FRACTIONAL SEG of " + frames.size() + " frames of " + n
                    + " pixels exceeds 2 GB: write fewer classes or the NIfTI probabilities");
        }
        byte[] out = new byte[(int) ((size + 1) & ~1L)];
        int at = 0;
        for (Frame f : frames) {
            System.arraycopy(values.apply(f.cls().label()), f.z() * n, out, at, n);
            at += n;
        }
        OtherByteAttribute px = new OtherByteAttribute(TagFromName.PixelData);
        px.setValues(out);
        l.put(px);
    }

    private static String truncate(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max);
    }
}
