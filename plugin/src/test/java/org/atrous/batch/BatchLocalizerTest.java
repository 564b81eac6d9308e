package org.atrous.batch;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.IntegerStringAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import org.atrous.cli.AtrousCli;
import org.atrous.dicom.RtStructWriter;
import org.atrous.dicom.SegWriter;
import org.atrous.dicom.SegmentationAlgorithm;
import org.atrous.dicom.SeriesReadResult;
import org.atrous.dicom.SeriesReader;
import org.atrous.dicom.Volume;
import org.atrous.phantom.Phantom;
import org.atrous.progress.ProgressListener;
import org.atrous.roi.LabelContours;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A series that holds a localizer beside its axial slices is segmented without the localizer,
 * with a note; a series that holds two full acquisitions (a repeated scan under one UID) has
 * each segmented into a folder of its own, with a row each, and a structure set of one of them
 * is scored against that one only.
 */
class BatchLocalizerTest {

    @Test
    void aLocalizerIsLeftOutAndEachOfTwoAcquisitionsIsSegmented(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("archive"), out = dir.resolve("out");
        String withScout = TestArchive.ct(201, archive.resolve("a/ct")).ct().identity().seriesInstanceUid();
        List<Path> files = TestArchive.files(archive.resolve("a/ct"));
        copy(files.get(0), archive.resolve("a/ct/scout.dcm"), l -> {
            put(l, new DecimalStringAttribute(TagFromName.ImageOrientationPatient), "1", "0", "0", "0", "0", "-1");
            put(l, new IntegerStringAttribute(TagFromName.InstanceNumber), "99");
        });
        Phantom first = TestArchive.ct(202, archive.resolve("b/ct"));
        String twice = first.ct().identity().seriesInstanceUid();
        for (Path f : TestArchive.files(archive.resolve("b/ct"))) {
            copy(f, archive.resolve("b/ct/second-" + f.getFileName()),
                    l -> put(l, new IntegerStringAttribute(TagFromName.AcquisitionNumber), "2"));
        }
        Volume second = secondAcquisition(archive.resolve("b/ct"));
        RtStructWriter.write(second, LabelContours.of(first.labels()), new SegmentationAlgorithm(true, "TPS", "1", "x"),
                archive.resolve("b/RS.second.dcm"));

        Map<String, List<String>> rows = batch(archive, out, 0);
        assertTrue(rows.keySet().containsAll(Set.of(withScout, twice, twice + "#2")), rows.keySet().toString());
        assertEquals(3, rows.values().stream().filter(r -> r.get(1).equals("done")).count(), rows.toString());
        assertEquals("done", rows.get(withScout).get(1), rows.toString());
        assertTrue(rows.get(withScout).get(2).startsWith("left out 1 file(s) of other geometry (localizer?)"),
                rows.get(withScout).get(2));
        assertTrue(rows.get(withScout).get(4).endsWith("x" + TestArchive.SLICES), "the axial part: " + rows.get(withScout));

        for (String uid : List.of(twice, twice + "#2")) {
            List<String> row = rows.get(uid);
            assertEquals("done", row.get(1), row.toString());
            assertEquals(TestArchive.SIZE + "x" + TestArchive.SIZE + "x" + TestArchive.SLICES, row.get(4));
            assertTrue(Files.isRegularFile(out.resolve(row.get(6)).resolve("labels.nii.gz")), row.get(6));
        }
        assertEquals("series/" + twice, rows.get(twice).get(6));
        assertEquals("series/" + twice + "_2", rows.get(twice + "#2").get(6));
        assertTrue(rows.get(twice).get(2).startsWith("volume 1 of 2 in this series ("), rows.get(twice).get(2));
        assertTrue(rows.get(twice + "#2").get(2).contains("acquisition 2"), rows.get(twice + "#2").get(2));
        assertFalse(rows.get(twice).get(2).contains("vs RS.second.dcm"), "the first acquisition is not the one contoured");
        assertTrue(rows.get(twice + "#2").get(2).contains("vs RS.second.dcm: liver "), rows.get(twice + "#2").get(2));
        assertTrue(Files.isRegularFile(out.resolve("series/" + twice + "_2/" + ReferenceScores.FILE)));
        assertFalse(Files.exists(out.resolve("series/" + twice + "/" + ReferenceScores.FILE)));

        Map<String, List<String>> again = batch(archive, out, 0);
        assertEquals(rows.keySet(), again.keySet());
        for (String uid : List.of(withScout, twice, twice + "#2")) assertEquals("already done", again.get(uid).get(1));
        Files.walk(out.resolve("series/" + twice + "_2")).sorted(java.util.Comparator.reverseOrder())
                .forEach(f -> f.toFile().delete());
        Map<String, List<String>> redone = batch(archive, out, 0);
        assertEquals("done", redone.get(twice).get(1), "one volume's outputs gone: the series is done again");
        assertEquals("done", redone.get(twice + "#2").get(1));
        assertEquals("already done", redone.get(withScout).get(1));
    }

    private static Map<String, List<String>> batch(Path archive, Path out, int expectedExit) throws Exception {
        int exit = AtrousCli.commandLine().execute("batch", "--input", archive.toString(), "--output", out.toString(),
                "--model", BatchArchiveTest.MODEL.toString(), "--crf", "off", "--threads", "1", "--quiet");
        assertEquals(expectedExit, exit);
        Map<String, List<String>> rows = new HashMap<>();
        for (String line : Files.readAllLines(out.resolve(BatchReport.CSV)).subList(1, Files.readAllLines(out.resolve(BatchReport.CSV)).size())) {
            List<String> f = TestArchive.csvFields(line);
            rows.put(f.get(0), f);
        }
        return rows;
    }

    private static Volume secondAcquisition(Path dir) throws Exception {
        SeriesReadResult r = new SeriesReader().read(dir, ProgressListener.NONE);
        return r.segmentable().stream().filter(p -> p.description().endsWith("acquisition 2")).findFirst()
                .orElseThrow().volume();
    }

    private interface Change {
        void apply(AttributeList l) throws Exception;
    }

    /** A copy of a slice with a new SOP Instance UID and the given change. */
    private static void copy(Path from, Path to, Change change) throws Exception {
        AttributeList l = new AttributeList();
        l.read(from.toFile());
        String uid = SegWriter.randomUid();
        put(l, new UniqueIdentifierAttribute(TagFromName.SOPInstanceUID), uid);
        put(l, new UniqueIdentifierAttribute(TagFromName.MediaStorageSOPInstanceUID), uid);
        change.apply(l);
        l.write(to.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
    }

    private static void put(AttributeList l, Attribute a, String... values) throws Exception {
        for (String v : values) a.addValue(v);
        l.put(a);
    }
}
