package org.atrous.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;

import org.atrous.crf.CrfMode;
import org.atrous.dicom.LabelMaps;
import org.atrous.dicom.NiftiWriter;
import org.atrous.model.ModelStore;
import org.atrous.phantom.Phantom;
import org.atrous.pipeline.Models;
import org.atrous.pipeline.OutputKind;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Label maps made outside DICOM carry no series UID: the batch pairs one with the single image
 * series in its folder and scores the series against it when its labels are named; any other
 * label map gets a row that says why it is not used.
 */
class BatchLabelMapTest {

    @Test
    void aNamedLabelMapBesideItsSeriesScoresItAndOthersSayWhyNot(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("archive"), out = dir.resolve("out");
        Phantom named = TestArchive.ct(601, archive.resolve("case1").resolve("ct"));
        NiftiWriter.writeLabels(named.labels(), archive.resolve("case1").resolve("truth.nii.gz"));
        Files.writeString(archive.resolve("case1").resolve(LabelMaps.CLASS_TABLE), "label,name\n" + named.labels().classes()
                .stream().map(c -> c.label() + ",\"" + c.name() + "\"").collect(Collectors.joining("\n")) + "\n",
                StandardCharsets.UTF_8);
        Phantom unnamed = TestArchive.ct(602, archive.resolve("case2").resolve("ct"));
        NiftiWriter.writeLabels(unnamed.labels(), archive.resolve("case2").resolve("unnamed.nii.gz"));
        NiftiWriter.writeLabels(unnamed.labels(), archive.resolve("stray.nii.gz"));

        ModelStore.LoadedModel model = Models.load(BatchArchiveTest.MODEL.toString());
        BatchOptions options = new BatchOptions(CrfMode.OFF, 5, "", 1, EnumSet.of(OutputKind.STATS), 4);
        BatchRunner.Result r = new BatchRunner(1, false, 1L << 30).run(List.of(archive), out, model, options,
                ProgressListener.NONE);

        String uid1 = named.ct().identity().seriesInstanceUid(), uid2 = unnamed.ct().identity().seriesInstanceUid();
        SeriesOutcome one = row(r, uid1, "ct"), two = row(r, uid2, "ct");
        assertEquals(Status.DONE, one.status(), one.reason());
        assertTrue(one.reason().startsWith("vs truth.nii.gz: liver 0.9"), one.reason());
        assertEquals(Status.DONE, two.status(), two.reason());
        assertFalse(two.reason().contains("vs "), "nothing to score case 2 against: " + two.reason());
        assertTrue(one.scoreSeconds() > 0, "scoring timed on its own");
        assertEquals(0, two.scoreSeconds(), "nothing scored, no time");
        assertEquals(one.readSeconds() + one.inferenceSeconds() + one.crfSeconds() + one.writeSeconds()
                + one.scoreSeconds(), one.totalSeconds(), 1e-9);
        assertTrue(Files.readString(out.resolve(ReferenceScores.FILE)).contains("truth.nii.gz"));

        assertEquals("label map of series " + uid1 + ", the one in its folder: scored against it",
                row(r, "", "truth.nii.gz").reason());
        assertEquals("label map not used: its labels are not named (no segment names, no classes.csv beside it), so they"
                + " match no class of the model", row(r, "", "unnamed.nii.gz").reason());
        assertEquals("label map not used: 2 image series in its folder, so which it labels is not known (put it beside"
                + " the files of the series it labels)", row(r, "", "stray.nii.gz").reason());

        Path seg = dir.resolve("Segmentation.seg.nrrd"), plain = dir.resolve("plain.nrrd");
        Files.writeString(seg, "NRRD0004\ntype: uchar\ndimension: 3\nsizes: 1 1 1\nencoding: raw\n"
                + "Segment0_Name:=Liver\nSegment0_LabelValue:=1\n\n\u0001", StandardCharsets.ISO_8859_1);
        Files.writeString(plain, "NRRD0004\ntype: uchar\ndimension: 3\nsizes: 1 1 1\nencoding: raw\n\n\u0001",
                StandardCharsets.ISO_8859_1);
        assertTrue(LabelMaps.namesItsClasses(seg), "a Slicer segmentation names its segments");
        assertFalse(LabelMaps.namesItsClasses(plain));
    }

    private static SeriesOutcome row(BatchRunner.Result r, String uid, String pathPart) {
        return r.rows().stream().filter(o -> o.seriesUid().equals(uid) && o.path().contains(pathPart)).findFirst()
                .orElseThrow(() -> new AssertionError(uid + " " + pathPart + " in " + r.rows()));
    }
}
