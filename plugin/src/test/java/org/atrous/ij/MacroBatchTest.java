package org.atrous.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.io.Opener;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegReader;
import org.atrous.dicom.Volume;
import org.atrous.model.ModelCard;
import org.atrous.roi.ClassMeasurement;
import org.atrous.roi.RoiLabels;
import org.atrous.roi.RoiZip;
import org.atrous.roi.SegmentationMeasurer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real ImageJ 1.54p runs macros/segment_series.ijm with {@code -batch} on the bundled sample
 * (3D CRF): the macro opens the series and segments it through the menu commands, then saves
 * the overlay list, ImageJ's own ROI Manager zip, the Results table, the TIFF and the SEG.
 * Everything is checked against the sample's ground-truth SEG.
 */
class MacroBatchTest {

    private static final Pattern ROI_NAME = Pattern.compile("(.+) #(\\d+) z(\\d+)");

    @TempDir Path tmp;

    @Test
    void segmentsTheSampleFromAMacro() throws Exception {
        Path out = tmp.resolve("out");
        RealImageJ.Result r = RealImageJ.macro(tmp.resolve("ImageJ"), "segment_series.ijm",
                "input=" + SampleResults.SAMPLE.resolve("ct") + " out=" + out + " model=ct-abdomen crf=3d", 480);
        assertTrue(Files.exists(out.resolve("results.csv")), "the macro did not finish:\n" + RealImageJ.tail(r.output()));
        assertEquals(0, r.exitCode());

        ModelCard card = ModelCard.read(RealImageJ.REPO.resolve("model-zoo/ct-abdomen.json"));
        Volume ct = SampleResults.ct();
        LabelVolume truth = SampleResults.truth(ct);

        List<String> overlay = Files.readAllLines(out.resolve("overlay.txt"));
        List<Roi> managed = RoiZip.read(out.resolve("rois.zip"));
        assertTrue(overlay.size() > 20, "overlay ROIs: " + overlay.size());
        assertEquals(overlay.size(), managed.size(), "ROI Manager holds the overlay's ROIs");
        for (int i = 0; i < overlay.size(); i++) {
            String[] nameSlice = overlay.get(i).split("\t");
            Matcher m = ROI_NAME.matcher(nameSlice[0]);
            assertTrue(m.matches(), "ROI name " + nameSlice[0]);
            assertTrue(card.classes().stream().anyMatch(c -> c.name().equals(m.group(1))), m.group(1));
            assertEquals(m.group(3), nameSlice[1], "ROI " + nameSlice[0] + " sits on its slice");
            assertEquals(nameSlice[0], managed.get(i).getName());
            assertEquals(Integer.parseInt(nameSlice[1]), managed.get(i).getPosition());
        }

        ImagePlus tif = new Opener().openImage(out.resolve("image.tif").toString());
        assertEquals(overlay.size(), tif.getOverlay().size(), "the TIFF keeps the overlay");
        assertEquals("mm", tif.getCalibration().getUnit());

        LabelVolume fromRois = RoiLabels.fromRois(managed, ct.geometry(), card.classes());
        double liver = SampleResults.dice(fromRois.labels(), truth.labels(), 1);
        System.out.printf("macro batch: %d ROIs, liver Dice of the ROI masks %.4f%n", overlay.size(), liver);
        assertTrue(liver >= 0.9, "liver Dice " + liver);

        Path seg = Files.list(out).filter(p -> p.toString().endsWith("-seg.dcm")).findFirst().orElseThrow();
        LabelVolume segLabels = SegReader.read(seg, ct);
        for (int label = 1; label <= card.classes().size(); label++) {
            assertTrue(SampleResults.dice(segLabels.labels(), fromRois.labels(), label) > 0.999,
                    "SEG and ROIs agree on label " + label);
        }
        checkResults(out.resolve("results.csv"), fromRois, truth, ct);
    }

    /**
     * Every row of the Results table equals the measurements of what the ROIs hold; the liver's
     * volume and HU are also close to the ground truth's.
     */
    private static void checkResults(Path csv, LabelVolume segmented, LabelVolume truth, Volume ct) throws Exception {
        Map<String, Map<String, String>> rows = SampleResults.results(csv);
        assertEquals(7, rows.size(), "one row per class: " + rows.keySet());
        assertEquals("liver", new ArrayList<>(rows.keySet()).get(0));
        for (ClassMeasurement m : SegmentationMeasurer.measure(segmented, ct)) {
            Map<String, String> row = rows.get(m.name());
            assertEquals(m.volumeMl(), Double.parseDouble(row.get("Volume (mL)")), 1e-3, m.name() + " volume");
            assertEquals(m.components(), Integer.parseInt(row.get("Components")), m.name() + " components");
            assertEquals(m.largestDiameterMm(), Double.parseDouble(row.get("Largest diameter (mm)")), 1e-3, m.name());
            assertEquals(m.meanValue(), Double.parseDouble(row.get("Mean")), 1e-3, m.name() + " mean");
            assertEquals(m.sdValue(), Double.parseDouble(row.get("SD")), 1e-3, m.name() + " SD");
            assertEquals(m.firstSlice(), Integer.parseInt(row.get("First slice")), m.name());
            assertEquals(m.lastSlice(), Integer.parseInt(row.get("Last slice")), m.name());
        }
        ClassMeasurement gt = SegmentationMeasurer.measure(truth, ct).get(0);
        Map<String, String> liver = rows.get("liver");
        System.out.printf("liver: %s mL (truth %.1f), mean %s HU (truth %.1f), slices %s-%s (truth %d-%d)%n",
                liver.get("Volume (mL)"), gt.volumeMl(), liver.get("Mean"), gt.meanValue(), liver.get("First slice"),
                liver.get("Last slice"), gt.firstSlice(), gt.lastSlice());
        assertEquals(gt.volumeMl(), Double.parseDouble(liver.get("Volume (mL)")), 0.1 * gt.volumeMl(), "liver volume, mL");
        assertEquals(gt.meanValue(), Double.parseDouble(liver.get("Mean")), 15, "mean HU inside the liver");
    }
}
