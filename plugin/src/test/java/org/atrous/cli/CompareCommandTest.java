package org.atrous.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.gui.Roi;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegReader;
import org.atrous.dicom.SeriesReader;
import org.atrous.dicom.Volume;
import org.atrous.progress.ProgressListener;
import org.atrous.roi.LabelRois;
import org.atrous.roi.RoiZip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code atrous compare}: the sample's SEG against itself and against a copy a reader corrected. */
class CompareCommandTest {

    private static final Path SAMPLE = Path.of("..", "dicom-samples", "phantom");
    private static final String CT = SAMPLE.resolve("ct").toString(), SEG = SAMPLE.resolve("seg.dcm").toString();

    @TempDir Path tmp;

    @Test
    void aSegAgainstItselfScoresOneForEveryClass() {
        CliRun r = CliRun.of("compare", "--series", CT, "--reference", SEG, "--segmentation", SEG);
        assertEquals(0, r.exit(), r.err());
        List<String> dice = r.out().lines().filter(l -> l.startsWith("dice ")).toList();
        assertEquals(7, dice.size(), r.out());
        dice.forEach(l -> assertTrue(l.endsWith(": 1.0000"), l));
    }

    @Test
    void aPlanningSystemsRtStructureSetIsComparedLikeASeg() throws Exception {
        Volume ct = new SeriesReader().read(SAMPLE.resolve("ct"), ProgressListener.NONE).volumes().get(0);
        LabelVolume truth = SegReader.read(SAMPLE.resolve("seg.dcm"), ct);
        Path rt = tmp.resolve("rtstruct.dcm");
        org.atrous.dicom.RtStructWriter.write(ct, org.atrous.roi.LabelContours.of(truth),
                new org.atrous.dicom.SegmentationAlgorithm(true, "Planner", "1", "by hand"), rt);
        CliRun r = CliRun.of("compare", "--series", CT, "--reference", rt.toString(), "--segmentation", SEG);
        assertEquals(0, r.exit(), r.err());
        List<String> dice = r.out().lines().filter(l -> l.startsWith("dice ")).toList();
        assertEquals(7, dice.size(), r.out());
        dice.forEach(l -> assertTrue(l.endsWith(": 1.0000"), l));
        assertEquals(0, CliRun.of("compare", "--series", CT, "--reference", SEG, "--segmentation", rt.toString()).exit());
    }

    @Test
    void aCorrectionShowsAsTheClassesItChanged() throws Exception {
        Volume ct = new SeriesReader().read(SAMPLE.resolve("ct"), ProgressListener.NONE).volumes().get(0);
        LabelVolume truth = SegReader.read(SAMPLE.resolve("seg.dcm"), ct);
        List<Roi> rois = new ArrayList<>(LabelRois.toRois(truth, false));
        rois.removeIf(r -> r.getName().startsWith("spleen"));
        Path zip = tmp.resolve("rois.zip");
        try (OutputStream out = Files.newOutputStream(zip)) {
            RoiZip.write(rois, out);
        }
        CliRun saved = CliRun.of("convert", "rois", "--input", CT, "--rois", zip.toString(), "--out",
                tmp.resolve("c").toString(), "--model", Path.of("..", "model-zoo", "ct-abdomen.json").toString());
        assertEquals(0, saved.exit(), saved.err());
        String corrected = saved.out().trim().replaceFirst("^written ", "");

        CliRun automatic = CliRun.of("compare", "--series", CT, "--reference", SEG, "--segmentation", corrected,
                "--csv", tmp.resolve("rows.csv").toString());
        assertEquals(0, automatic.exit(), automatic.err());
        assertTrue(automatic.out().contains("dice spleen: 0.0000"), automatic.out());
        assertTrue(automatic.out().contains("dice liver: 1.0000"), automatic.out());
        assertEquals(8, Files.readAllLines(tmp.resolve("rows.csv")).size(), "a header and 7 classes");

        CliRun other = CliRun.of("compare", "--series", CT, "--reference", corrected, "--segmentation", SEG);
        assertEquals(0, other.exit(), other.err());
        assertTrue(other.out().contains("segments matching no reference class: [spleen]"), other.out());
        assertEquals(6, other.out().lines().filter(l -> l.startsWith("dice ")).count(), other.out());

        assertEquals(1, CliRun.of("compare", "--series", CT, "--reference", SEG, "--segmentation",
                tmp.resolve("none.dcm").toString()).exit());
        assertEquals(2, CliRun.of("compare", "--series", tmp.resolve("nothing").toString(), "--reference", SEG,
                "--segmentation", SEG).exit());
    }
}
