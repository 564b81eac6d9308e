package org.atrous.batch;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.IntegerStringAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import org.atrous.cli.AtrousCli;
import org.atrous.dicom.SegWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A series that holds a localizer beside its axial slices is segmented without the localizer,
 * with a note; a series that holds two full acquisitions is failed, since which one is meant
 * cannot be told.
 */
class BatchLocalizerTest {

    @Test
    void aLocalizerInTheSeriesIsLeftOutAndTwoAcquisitionsAreRefused(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("archive"), out = dir.resolve("out");
        String withScout = TestArchive.ct(201, archive.resolve("a/ct")).ct().identity().seriesInstanceUid();
        List<Path> files = TestArchive.files(archive.resolve("a/ct"));
        copy(files.get(0), archive.resolve("a/ct/scout.dcm"), l -> {
            put(l, new DecimalStringAttribute(TagFromName.ImageOrientationPatient), "1", "0", "0", "0", "0", "-1");
            put(l, new IntegerStringAttribute(TagFromName.InstanceNumber), "99");
        });
        String twice = TestArchive.ct(202, archive.resolve("b/ct")).ct().identity().seriesInstanceUid();
        for (Path f : TestArchive.files(archive.resolve("b/ct"))) {
            copy(f, archive.resolve("b/ct/second-" + f.getFileName()),
                    l -> put(l, new IntegerStringAttribute(TagFromName.AcquisitionNumber), "2"));
        }
        int exit = AtrousCli.commandLine().execute("batch", "--input", archive.toString(), "--output", out.toString(),
                "--model", BatchArchiveTest.MODEL.toString(), "--crf", "off", "--threads", "1", "--quiet");
        assertEquals(1, exit, "the series with two acquisitions failed");
        Map<String, List<String>> rows = new HashMap<>();
        for (String line : Files.readAllLines(out.resolve(BatchReport.CSV)).subList(1, 3)) {
            List<String> f = TestArchive.csvFields(line);
            rows.put(f.get(0), f);
        }
        assertEquals("done", rows.get(withScout).get(1), rows.toString());
        assertTrue(rows.get(withScout).get(2).startsWith("left out 1 file(s) of other geometry (localizer?)"),
                rows.get(withScout).get(2));
        assertTrue(rows.get(withScout).get(4).endsWith("x" + TestArchive.SLICES), "the axial part: " + rows.get(withScout));
        assertEquals("failed", rows.get(twice).get(1));
        assertTrue(rows.get(twice).get(2).startsWith("inconsistent geometry: the series splits into 2 parts"),
                rows.get(twice).get(2));
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
