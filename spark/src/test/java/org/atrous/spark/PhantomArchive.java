package org.atrous.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.atrous.dicom.CtSeriesWriter;
import org.atrous.phantom.AbdomenPhantom;
import org.atrous.phantom.PhantomOptions;
import org.atrous.progress.ProgressListener;

/** A small archive of phantom CT series, one folder each, and the tools to spoil one. */
final class PhantomArchive {

    /** 128 x 128 at 2 mm (the model's own spacing, so nothing is resampled) and 4 slices: seconds per series. */
    static final int SIZE = 128;
    static final double SPACING_MM = 2.0;
    static final int SLICES = 4;

    private PhantomArchive() { }

    /** Writes {@code n} phantom series (seeds from {@code firstSeed}); returns their SeriesInstanceUIDs. */
    static List<String> write(Path archive, int n, long firstSeed) throws IOException {
        Files.createDirectories(archive);
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PhantomOptions o = new PhantomOptions(firstSeed + i, SIZE, SLICES, SPACING_MM, 5, 5, -1, 15, false);
            var ct = AbdomenPhantom.generate(o, ProgressListener.NONE).ct();
            CtSeriesWriter.write(ct, archive.resolve(String.format(Locale.ROOT, "phantom-%02d", i)), "", ProgressListener.NONE);
            uids.add(ct.identity().seriesInstanceUid());
        }
        return uids;
    }

    /**
     * Writes the true labels of phantom {@code seed} (as {@link #write} made it) as an RT
     * Structure Set on its series, a contoured case the batch scores its result against.
     */
    static void contour(long seed, Path file) throws IOException {
        PhantomOptions o = new PhantomOptions(seed, SIZE, SLICES, SPACING_MM, 5, 5, -1, 15, false);
        var p = AbdomenPhantom.generate(o, ProgressListener.NONE);
        org.atrous.dicom.RtStructWriter.write(p.ct(), org.atrous.roi.LabelContours.of(p.labels()),
                new org.atrous.dicom.SegmentationAlgorithm(true, "TPS", "1", "contoured"), file);
    }

    /**
     * Adds a second acquisition to the series in {@code dir}: a copy of each slice with a new SOP
     * Instance UID and Acquisition Number 2, as a scan repeated under one series UID.
     */
    static void repeatAcquisition(Path dir) throws IOException {
        for (Path f : files(dir)) {
            try {
                com.pixelmed.dicom.AttributeList l = new com.pixelmed.dicom.AttributeList();
                l.read(f.toFile());
                String uid = org.atrous.dicom.SegWriter.randomUid();
                put(l, new com.pixelmed.dicom.UniqueIdentifierAttribute(com.pixelmed.dicom.TagFromName.SOPInstanceUID), uid);
                put(l, new com.pixelmed.dicom.UniqueIdentifierAttribute(
                        com.pixelmed.dicom.TagFromName.MediaStorageSOPInstanceUID), uid);
                put(l, new com.pixelmed.dicom.IntegerStringAttribute(com.pixelmed.dicom.TagFromName.AcquisitionNumber), "2");
                l.write(f.resolveSibling("repeat-" + f.getFileName()).toFile(),
                        com.pixelmed.dicom.TransferSyntax.ExplicitVRLittleEndian, true, true);
            } catch (com.pixelmed.dicom.DicomException e) {
                throw new IOException(e);
            }
        }
    }

    private static void put(com.pixelmed.dicom.AttributeList l, com.pixelmed.dicom.Attribute a, String value)
            throws com.pixelmed.dicom.DicomException {
        a.addValue(value);
        l.put(a);
    }

    /** Cuts a file to 60 % of its length: its header still reads, its pixel data are short. */
    static void truncate(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(b, b.length * 6 / 10));
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    static List<Path> children(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
