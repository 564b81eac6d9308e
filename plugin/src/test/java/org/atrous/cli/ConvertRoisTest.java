package org.atrous.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.gui.OvalRoi;
import ij.gui.Roi;
import org.atrous.dicom.Dciodvfy;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegReader;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.SeriesReader;
import org.atrous.dicom.Volume;
import org.atrous.progress.ProgressListener;
import org.atrous.roi.LabelRois;
import org.atrous.roi.RoiZip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code atrous convert rois}: a corrected ROI set of the bundled sample back to a SEG, headless. */
class ConvertRoisTest {

    private static final Path SAMPLE = Path.of("..", "dicom-samples", "phantom");
    private static final String MODEL = Path.of("..", "model-zoo", "ct-abdomen.json").toString();

    @TempDir Path tmp;

    private Path zip(List<Roi> rois, String name) throws Exception {
        Path zip = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(zip)) {
            RoiZip.write(rois, out);
        }
        return zip;
    }

    @Test
    void aCorrectedRoiSetBecomesASegAndRtStructOnItsSeries() throws Exception {
        Volume ct = new SeriesReader().read(SAMPLE.resolve("ct"), ProgressListener.NONE).volumes().get(0);
        LabelVolume truth = SegReader.read(SAMPLE.resolve("seg.dcm"), ct);
        List<Roi> rois = new ArrayList<>(LabelRois.toRois(truth, false));
        rois.removeIf(r -> r.getName().startsWith("portal vein"));
        Path zip = zip(rois, "rois.zip");
        Path out = tmp.resolve("corrected");
        CliRun r = CliRun.of("convert", "rois", "--input", SAMPLE.resolve("ct").toString(), "--rois", zip.toString(), "--out",
                out.toString(), "--model", MODEL, "--creator", "Doe^Jane", "--rtstruct");
        assertEquals(0, r.exit(), r.err());
        List<String> written = r.out().lines().toList();
        assertEquals(2, written.size(), r.out());
        Path seg = Path.of(written.get(0).replaceFirst("^written ", ""));
        assertTrue(seg.getFileName().toString().endsWith("-semiautomatic-seg.dcm"), seg.toString());
        LabelVolume back = SegReader.read(seg, ct);
        assertEquals(List.of("liver", "liver tumour", "spleen", "right kidney", "left kidney", "aorta"),
                back.classes().stream().map(SegmentClass::name).toList());
        for (SegmentClass c : back.classes()) {
            int t = truth.classes().stream().filter(x -> x.name().equals(c.name())).findFirst().orElseThrow().label();
            for (int i = 0; i < truth.labels().length; i++) {
                if (((truth.labels()[i] & 0xff) == t) != ((back.labels()[i] & 0xff) == c.label())) {
                    throw new AssertionError(c.name() + " differs at voxel " + i);
                }
            }
        }
        for (String w : written) {
            Path f = Path.of(w.replaceFirst("^written ", ""));
            assertEquals(List.of(), Dciodvfy.errors(f), Dciodvfy.report(f));
        }
        CliRun again = CliRun.of("convert", "rois", "--input", SAMPLE.resolve("ct").toString(), "--rois", zip.toString(), "--out",
                out.toString(), "--model", MODEL, "--type", "manual");
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().trim().endsWith("-manual-seg.dcm"), again.out());
        try (var files = Files.list(out)) {
            assertEquals(3, files.count(), "nothing replaced");
        }
    }

    @Test
    void badInputExitsTwoWithTheReason() throws Exception {
        Roi stone = new OvalRoi(60, 100, 10, 10);
        stone.setName("kidney stone");
        stone.setPosition(10);
        Path zip = zip(List.of(stone), "stone.zip");
        String ct = SAMPLE.resolve("ct").toString();
        CliRun unknown = CliRun.of("convert", "rois", "--input", ct, "--rois", zip.toString(), "--out", tmp.resolve("o").toString(),
                "--model", MODEL);
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("kidney stone"), unknown.err());
        CliRun type = CliRun.of("convert", "rois", "--input", ct, "--rois", zip.toString(), "--out", tmp.resolve("o").toString(),
                "--type", "automatic");
        assertEquals(2, type.exit());
        assertTrue(type.err().contains("semiautomatic or manual"), type.err());
        CliRun missing = CliRun.of("convert", "rois", "--input", ct, "--rois", tmp.resolve("none.zip").toString(), "--out",
                tmp.resolve("o").toString());
        assertEquals(2, missing.exit());
        CliRun model = CliRun.of("convert", "rois", "--input", ct, "--rois", zip.toString(), "--out", tmp.resolve("o").toString(),
                "--model", "no-such-model");
        assertEquals(2, model.exit());
        assertTrue(model.err().contains("no-such-model"), model.err());
        assertTrue(!Files.exists(tmp.resolve("o")), "nothing written");
    }
}
