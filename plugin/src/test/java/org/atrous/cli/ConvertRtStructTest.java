package org.atrous.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.atrous.dicom.CodedConcept;
import org.atrous.dicom.Dciodvfy;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.NiftiReader;
import org.atrous.dicom.PlanarContour;
import org.atrous.dicom.RtStructWriter;
import org.atrous.dicom.SegReader;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.SegmentationAlgorithm;
import org.atrous.dicom.SeriesReader;
import org.atrous.dicom.StructureContours;
import org.atrous.dicom.Volume;
import org.atrous.progress.ProgressListener;
import org.atrous.roi.LabelContours;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code atrous convert rtstruct}: a planning system's contours as NIfTI labels and a DICOM SEG. */
class ConvertRtStructTest {

    private static final Path SAMPLE = Path.of("..", "dicom-samples", "phantom");
    private static final String CT = SAMPLE.resolve("ct").toString();
    private static final String MODEL = Path.of("..", "model-zoo", "ct-abdomen.json").toString();
    private static Volume ct;
    private static LabelVolume truth;

    @TempDir static Path tmp;
    private static Path rt;

    /** The sample's truth as a planning system exports it: its organs, plus a BODY outline around them. */
    @BeforeAll
    static void structureSet() throws Exception {
        ct = new SeriesReader().read(SAMPLE.resolve("ct"), ProgressListener.NONE).volumes().get(0);
        truth = SegReader.read(SAMPLE.resolve("seg.dcm"), ct);
        List<StructureContours> rois = new ArrayList<>(LabelContours.of(truth));
        int n = ct.geometry().nx() - 4;
        List<PlanarContour> body = new ArrayList<>();
        for (int z = 0; z < ct.geometry().nz(); z++) body.add(new PlanarContour(z, new double[] {2, 2, 2 + n, 2, 2 + n, 2 + n, 2, 2 + n}));
        rois.add(new StructureContours(new SegmentClass(9, "BODY", new int[] {0, 255, 0}, SegmentClass.ANATOMICAL_STRUCTURE,
                new CodedConcept("", "", "BODY")), body));
        rt = tmp.resolve("RS.export.dcm");
        RtStructWriter.write(ct, rois, new SegmentationAlgorithm(true, "TPS", "1", "contoured"), rt);
    }

    @Test
    void roisOfNoModelClassAreRefusedBeforeAnythingIsWritten() {
        Path out = tmp.resolve("refused");
        CliRun r = CliRun.of("convert", "rtstruct", "--input", CT, "--rtstruct", rt.toString(), "--out", out.toString(),
                "--model", MODEL);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("ROI(s) [BODY] name no class of model " + MODEL), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void theNamedRoisBecomeNiftiLabelsAndAValidSeg() throws Exception {
        Path out = tmp.resolve("converted");
        CliRun r = CliRun.of("convert", "rtstruct", "--input", CT, "--rtstruct", rt.toString(), "--out", out.toString(),
                "--class-names", "Spleen,LIVER,liver_tumour", "--model", MODEL);
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("label,name", "1,\"Spleen\"", "2,\"LIVER\"", "3,\"liver_tumour\""),
                Files.readAllLines(out.resolve("classes.csv")));
        LabelVolume nifti = NiftiReader.readLabels(out.resolve("labels.nii.gz"), truth.classes());
        LabelVolume seg = SegReader.read(out.resolve("seg.dcm"), ct);
        assertEquals(List.of("liver", "liver tumour", "spleen"), seg.classes().stream().map(SegmentClass::name).toList(),
                "the model's names, codes and order");
        for (String name : List.of("liver", "liver tumour", "spleen")) {
            int t = label(truth, name), s = label(seg, name);
            int n = name.equals("spleen") ? 1 : name.equals("liver") ? 2 : 3;
            assertArrayEquals(mask(truth, t), mask(seg, s), name);
            assertArrayEquals(mask(truth, t), mask(nifti, n), name + " in the NIfTI map");
        }
        assertEquals(List.of(), Dciodvfy.errors(out.resolve("seg.dcm")), Dciodvfy.report(out.resolve("seg.dcm")));
    }

    @Test
    void niftiOnlyTakesEveryRoi() throws Exception {
        Path out = tmp.resolve("nifti");
        CliRun r = CliRun.of("convert", "rtstruct", "--input", CT, "--rtstruct", rt.toString(), "--out", out.toString(),
                "--nifti-only");
        assertEquals(0, r.exit(), r.err());
        assertFalse(Files.exists(out.resolve("seg.dcm")));
        List<String> table = Files.readAllLines(out.resolve("classes.csv"));
        assertEquals(truth.classes().size() + 2, table.size(), table.toString());
        assertEquals("8,\"BODY\"", table.get(table.size() - 1));
        assertEquals(2, CliRun.of("convert", "rtstruct", "--input", CT, "--rtstruct", rt.toString(), "--out",
                out.toString(), "--nifti-only").exit(), "an existing folder is kept unless --force");
    }

    private static int label(LabelVolume l, String name) {
        return l.classes().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().label();
    }

    private static boolean[] mask(LabelVolume l, int label) {
        boolean[] m = new boolean[l.labels().length];
        for (int i = 0; i < m.length; i++) m[i] = (l.labels()[i] & 0xff) == label;
        return m;
    }
}
