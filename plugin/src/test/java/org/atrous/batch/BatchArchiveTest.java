package org.atrous.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.GeometryOfVolumeFromAttributeList;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.display.SourceImage;
import com.pixelmed.geometry.GeometryOfSlice;
import org.atrous.cli.AtrousCli;
import org.atrous.dicom.Dciodvfy;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.NiftiReader;
import org.atrous.dicom.SegReader;
import org.atrous.dicom.SeriesReader;
import org.atrous.dicom.SharedData;
import org.atrous.dicom.Volume;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch over an archive with good and bad series in nested folders and a copy of the real
 * DICOM files: every good series done once, every bad one reported with its reason, no file
 * unaccounted for; the SEG and RT Structure Set are valid and the SEG reads back (through our
 * reader and through PixelMed's) as the labels written beside it; a rerun does nothing twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchArchiveTest {

    static final Path MODEL = Path.of("../model-zoo/ct-abdomen.json").toAbsolutePath().normalize();

    Path archive, out;
    final Map<String, String> phantomUids = new HashMap<>();
    int firstExit;
    Map<String, List<String>> firstRows;

    @BeforeAll
    void buildArchiveAndRunOnce(@TempDir Path dir) throws Exception {
        archive = dir.resolve("archive");
        out = dir.resolve("out");
        phantomUids.put("plain", TestArchive.ct(101, archive.resolve("site-a/patient1/ct")).ct().identity().seriesInstanceUid());
        phantomUids.put("corrupt", TestArchive.ct(102, archive.resolve("site-a/patient2/ct")).ct().identity().seriesInstanceUid());
        TestArchive.truncate(archive.resolve("site-a/patient2/ct/IMG0004.dcm"));
        phantomUids.put("nested", TestArchive.ct(103, archive.resolve("site-b/x/y/z/ct")).ct().identity().seriesInstanceUid());
        TestArchive.copyTree(archive.resolve("site-a/patient1/ct"), archive.resolve("site-b/copy-of-patient1"));
        phantomUids.put("mpeg2", TestArchive.ct(104, archive.resolve("site-b/mpeg2")).ct().identity().seriesInstanceUid());
        TestArchive.declareUndecodable(archive.resolve("site-b/mpeg2"));
        TestArchive.mr(105, archive.resolve("site-c/mr"));
        TestArchive.garbage(archive.resolve("site-c/notes.dcm"), 7);
        TestArchive.copyTree(SharedData.path("dicom-real"), archive.resolve("real"));
        firstExit = batch();
        firstRows = rowsByKey();
    }

    private int batch() {
        return AtrousCli.commandLine().execute("batch", "--input", archive.toString(), "--output", out.toString(),
                "--model", MODEL.toString(), "--crf", "2d", "--threads", "2", "--rtstruct", "--quiet"); // the model's modality, CT, by default
    }

    /** Report rows keyed by series UID for series rows, by path for file rows. */
    private Map<String, List<String>> rowsByKey() throws Exception {
        List<String> lines = Files.readAllLines(out.resolve(BatchReport.CSV));
        assertEquals(BatchReport.CSV_HEADER, lines.get(0));
        Map<String, List<String>> rows = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = TestArchive.csvFields(line);
            boolean fileRow = f.get(1).equals("duplicate") || f.get(1).equals("rejected") || f.get(0).isEmpty();
            assertTrue(rows.put(fileRow ? f.get(5) : f.get(0), f) == null, "one row per series or file: " + line);
        }
        return rows;
    }

    private String status(String uid) { return firstRows.get(uid).get(1); }

    private String reason(String uid) { return firstRows.get(uid).get(2); }

    @Test
    void goodSeriesAreDoneAndBadOnesReportedWithTheirReason() {
        assertEquals(1, firstExit, "an unsupported series failed, so the exit code is 1");
        assertEquals("done", status(phantomUids.get("plain")));
        assertEquals("done", status(phantomUids.get("nested")));
        assertEquals("done", status(phantomUids.get("corrupt")), reason(phantomUids.get("corrupt")));
        assertTrue(reason(phantomUids.get("corrupt")).contains("IMG0004.dcm"), reason(phantomUids.get("corrupt")));
        assertEquals("failed", status(phantomUids.get("mpeg2")));
        assertTrue(reason(phantomUids.get("mpeg2")).contains("unsupported transfer syntax"), reason(phantomUids.get("mpeg2")));
        String mr = firstRows.values().stream().filter(r -> r.get(3).equals("MR") && r.get(5).contains("site-c"))
                .findFirst().orElseThrow().get(0);
        assertEquals("skipped", status(mr));
        assertTrue(reason(mr).contains("modality MR, not CT"), reason(mr));
        List<String> notes = firstRows.get(archive.resolve("site-c/notes.dcm").toString());
        assertEquals("rejected", notes.get(1));
        assertTrue(notes.get(2).contains("not a DICOM file"), notes.get(2));
        for (int i = 1; i <= TestArchive.SLICES; i++) {
            List<String> dup = firstRows.get(archive.resolve(String.format("site-b/copy-of-patient1/IMG%04d.dcm", i)).toString());
            assertEquals("duplicate", dup.get(1));
            assertTrue(dup.get(2).startsWith("an identical copy of "), dup.get(2));
        }
        // the real CT series: 3 slices of dcmqi, one slice of pydicom/highdicom
        assertEquals("done", status("1.2.392.200103.20080913.113635.1.2009.6.22.21.43.10.23430.1"));
        // its thin slices are far noisier than the phantoms the card's model was validated on
        String realCt = reason("1.2.392.200103.20080913.113635.1.2009.6.22.21.43.10.23430.1");
        assertTrue(realCt.contains("HU is above the") && realCt.contains("was validated on"), realCt);
        // dcmqi's liver SEG labels that series: its result is scored against it as the batch goes
        assertTrue(realCt.matches(".*vs liver\\.dcm: liver 0\\.8\\d\\d.*"), realCt);
        assertTrue(!reason(phantomUids.get("plain")).contains("noise level"), reason(phantomUids.get("plain")));
        // the noise column: the real CT's 1.25 mm slices far above the range, the phantom inside it, none for a skipped MR
        assertTrue(Double.parseDouble(firstRows.get("1.2.392.200103.20080913.113635.1.2009.6.22.21.43.10.23430.1").get(13)) > 17);
        double phantomNoise = Double.parseDouble(firstRows.get(phantomUids.get("plain")).get(13));
        assertTrue(phantomNoise >= 9 && phantomNoise <= 17, "" + phantomNoise);
        assertEquals("", firstRows.get(mr).get(13));
        assertEquals("done", status("1.3.6.1.4.1.5962.1.3.1.1.20040119072730.12322"));
        assertEquals("skipped", status("1.3.6.1.4.1.5962.1.3.4.1.20040826185059.5457"), "pydicom's MR");
    }

    @Test
    void theRunGathersTheScoresAgainstTheArchivesOwnLabels() throws Exception {
        List<String> run = Files.readAllLines(out.resolve(ReferenceScores.FILE));
        assertEquals("series,case,class,dice,hd95_mm,assd_mm,overlap_voxels,predicted_voxels,reference_voxels", run.get(0));
        List<String> liver = run.stream().filter(l -> l.startsWith("1.2.392.200103.20080913.113635.1.2009.6.22.21.43.10.23430.1,"
                + "liver.dcm,liver,")).toList();
        assertEquals(1, liver.size(), run.toString());
        double dice = Double.parseDouble(liver.get(0).split(",")[3]);
        assertTrue(dice > 0.8 && dice < 1, "the real CT's liver against its expert SEG: " + dice);
        Path series = SeriesProcessor.outputDir(out, "1.2.392.200103.20080913.113635.1.2009.6.22.21.43.10.23430.1");
        assertEquals(2, Files.readAllLines(series.resolve(ReferenceScores.FILE)).size(), "a header and the liver");
    }

    @Test
    void everyFileIsInASeriesOrInTheReport() throws Exception {
        SeriesIndex index = SeriesIndex.read(out);
        Set<String> accounted = new HashSet<>();
        for (SeriesEntry e : index.entries()) {
            accounted.addAll(e.files());
            assertTrue(firstRows.containsKey(e.seriesUid()), "series " + e.seriesUid() + " has a report row");
        }
        for (SeriesOutcome r : index.fileRows()) accounted.add(r.path());
        List<String> missing = new ArrayList<>();
        for (Path f : TestArchive.files(archive)) {
            if (!accounted.contains(TestArchive.absolute(f.toFile()))) missing.add(f.toString());
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void oneOutputFolderPerDoneSeriesAndNothingHalfWritten() throws Exception {
        long done = firstRows.values().stream().filter(r -> r.get(1).equals("done")).count();
        List<Path> folders = TestArchive.files(out.resolve(SeriesProcessor.SERIES_DIR)).stream().map(Path::getParent).distinct().toList();
        assertEquals(done, folders.size(), folders.toString());
        for (Path f : folders) {
            assertFalse(f.getFileName().toString().startsWith("."), "hidden partial folder " + f);
            for (String name : List.of("seg.dcm", "rtstruct.dcm", "rois.zip", "labels.nii.gz", "stats.csv", "preview.png")) {
                assertTrue(Files.size(f.resolve(name)) > 0, f + "/" + name);
            }
        }
        assertTrue(Files.readString(out.resolve(BatchReport.HTML)).contains("preview.png"));
    }

    @Test
    void segReadsBackAsTheWrittenLabelsAndBothObjectsAreValid() throws Exception {
        String uid = phantomUids.get("plain");
        Path series = SeriesProcessor.outputDir(out, uid);
        Volume ct = new SeriesReader().read(archive.resolve("site-a/patient1/ct"), ProgressListener.NONE).volumes().get(0);
        LabelVolume seg = SegReader.read(series.resolve("seg.dcm"), ct);
        LabelVolume nifti = NiftiReader.readLabels(series.resolve("labels.nii.gz"), seg.classes());
        assertTrue(countForeground(nifti.labels()) > 1000, "the model found organs");
        assertArrayEquals(nifti.labels(), seg.labels(), "our SEG reader");
        assertArrayEquals(nifti.labels(), pixelmedLabels(series.resolve("seg.dcm"), ct), "PixelMed");
        assertSegIdentifiesSourceAndAlgorithm(series.resolve("seg.dcm"), ct);
        assertEquals(List.of(), Dciodvfy.errors(series.resolve("seg.dcm")), Dciodvfy.report(series.resolve("seg.dcm")));
        assertEquals(List.of(), Dciodvfy.errors(series.resolve("rtstruct.dcm")), Dciodvfy.report(series.resolve("rtstruct.dcm")));
    }

    @Test
    void aRerunSkipsWhatIsDoneAndChangesNoOutput() throws Exception {
        Path seg = SeriesProcessor.outputDir(out, phantomUids.get("plain")).resolve("seg.dcm");
        byte[] before = Files.readAllBytes(seg);
        assertEquals(firstExit, batch());
        Map<String, List<String>> again = rowsByKey();
        assertEquals(firstRows.keySet(), again.keySet());
        for (Map.Entry<String, List<String>> e : firstRows.entrySet()) {
            String was = e.getValue().get(1), now = again.get(e.getKey()).get(1);
            assertEquals(was.equals("done") ? "already done" : was, now, e.getKey());
        }
        assertArrayEquals(before, Files.readAllBytes(seg), "a done series is not rewritten");
    }

    private static void assertSegIdentifiesSourceAndAlgorithm(Path seg, Volume ct) throws Exception {
        AttributeList l = new AttributeList();
        l.read(seg.toString(), TagFromName.PixelData);
        assertEquals(ct.identity().patientId(), Attribute.getSingleStringValueOrEmptyString(l, TagFromName.PatientID));
        assertEquals(ct.identity().studyInstanceUid(), Attribute.getSingleStringValueOrEmptyString(l, TagFromName.StudyInstanceUID));
        assertEquals(ct.identity().frameOfReferenceUid(), Attribute.getSingleStringValueOrEmptyString(l, TagFromName.FrameOfReferenceUID));
        AttributeList ref = SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(l, TagFromName.ReferencedSeriesSequence);
        assertEquals(ct.identity().seriesInstanceUid(), Attribute.getSingleStringValueOrEmptyString(ref, TagFromName.SeriesInstanceUID));
        String version = Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SoftwareVersions);
        assertEquals("0.1.0 ct-abdomen " + org.atrous.model.ModelCard.read(MODEL).version(), version);
        assertTrue(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.ContentDescription)
                .contains("CRF 2d 5 iterations"));
    }

    private static long countForeground(byte[] labels) {
        long n = 0;
        for (byte b : labels) if (b != 0) n++;
        return n;
    }

    /**
     * The label volume as PixelMed decodes the SEG: its frames (1-bit, unpacked by PixelMed's
     * SourceImage), each placed on the CT slice at PixelMed's per-frame position and given its
     * frame's Referenced Segment Number.
     */
    private static byte[] pixelmedLabels(Path seg, Volume ct) throws Exception {
        int nx = ct.geometry().nx(), ny = ct.geometry().ny();
        byte[] labels = new byte[(int) ct.geometry().voxelCount()];
        AttributeList l = new AttributeList();
        l.read(seg.toString());
        SourceImage frames = new SourceImage(l);
        GeometryOfSlice[] planes = new GeometryOfVolumeFromAttributeList(l).getGeometryOfSlices();
        SequenceAttribute perFrame = (SequenceAttribute) l.get(TagFromName.PerFrameFunctionalGroupsSequence);
        for (int f = 0; f < frames.getNumberOfFrames(); f++) {
            AttributeList segmentId = SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(
                    perFrame.getItem(f).getAttributeList(), new AttributeTag(0x0062, 0x000A));
            int segment = Attribute.getSingleIntegerValueOrDefault(segmentId, new AttributeTag(0x0062, 0x000B), -1);
            int z = sliceAt(ct, planes[f].getTLHCArray());
            Raster r = frames.getBufferedImage(f).getRaster();
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) if (r.getSample(x, y, 0) != 0) labels[(z * ny + y) * nx + x] = (byte) segment;
            }
        }
        return labels;
    }

    private static int sliceAt(Volume ct, double[] tlhc) {
        for (int z = 0; z < ct.geometry().nz(); z++) {
            double[] p = ct.geometry().slicePosition(z);
            if (Math.abs(p[0] - tlhc[0]) + Math.abs(p[1] - tlhc[1]) + Math.abs(p[2] - tlhc[2]) < 0.01) return z;
        }
        throw new AssertionError("no CT slice at " + java.util.Arrays.toString(tlhc));
    }
}
