package org.atrous.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.atrous.dicom.Dciodvfy;
import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelMaps;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.NiftiWriter;
import org.atrous.dicom.SeriesReader;
import org.atrous.dicom.SharedData;
import org.atrous.dicom.Volume;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code atrous convert labels} and {@code compare} on dcmqi's real CT: its NRRD liver label map
 * becomes a SEG that is dcmqi's own liver SEG voxel for voxel, and a label map is scored directly.
 */
class ConvertLabelsTest {

    private static final String MODEL = Path.of("..", "model-zoo", "ct-abdomen.json").toString();

    @Test
    void dcmqisNrrdBecomesItsOwnSeg(@TempDir Path tmp) throws Exception {
        Path dir = SharedData.path("dicom-real/dcmqi");
        Path out = tmp.resolve("liver");
        CliRun r = CliRun.of("convert", "labels", "--input", dir.resolve("ct-3slice").toString(), "--labels",
                dir.resolve("liver_seg.nrrd").toString(), "--class-names", "liver", "--type", "semiautomatic",
                "--model", MODEL, "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        Path seg = out.resolve("seg.dcm");
        assertEquals(List.of(), Dciodvfy.errors(seg), Dciodvfy.report(seg));
        assertTrue(Files.readString(out.resolve("classes.csv")).contains("1,\"liver\""));
        for (String other : new String[] {seg.toString(), out.resolve("labels.nii.gz").toString()}) {
            CliRun c = CliRun.of("compare", "--series", dir.resolve("ct-3slice").toString(), "--reference",
                    dir.resolve("liver.dcm").toString(), "--segmentation", other);
            assertEquals(0, c.exit(), c.err());
            assertTrue(c.out().contains("dice Liver: 1.0000"), other + ":\n" + c.out());
        }
        CliRun direct = CliRun.of("compare", "--series", dir.resolve("ct-3slice").toString(), "--reference",
                dir.resolve("liver.dcm").toString(), "--segmentation", dir.resolve("liver_seg.nrrd").toString(),
                "--label-names", "Liver");
        assertTrue(direct.out().contains("dice Liver: 1.0000"), direct.out());
    }

    @Test
    void classesOfNoModelClassAndMapsOffTheGridAreRefused(@TempDir Path tmp) throws Exception {
        Path dir = SharedData.path("dicom-real/dcmqi");
        Path out = tmp.resolve("spine");
        CliRun r = CliRun.of("convert", "labels", "--input", dir.resolve("ct-3slice").toString(), "--labels",
                dir.resolve("spine_seg.nrrd").toString(), "--model", MODEL, "--out", out.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("[label 2] name no class of model"), r.err());
        assertFalse(Files.exists(out), "nothing written");
        CliRun nifti = CliRun.of("convert", "labels", "--input", dir.resolve("ct-3slice").toString(), "--labels",
                dir.resolve("spine_seg.nrrd").toString(), "--nifti-only", "--class-names", "2=spine", "--out", out.toString());
        assertEquals(0, nifti.exit(), nifti.err());
        assertTrue(Files.readString(out.resolve("classes.csv")).contains("1,\"spine\""), "value 2 named: the one class");
        CliRun unnamed = CliRun.of("convert", "labels", "--input", dir.resolve("ct-3slice").toString(), "--labels",
                dir.resolve("spine_seg.nrrd").toString(), "--nifti-only", "--class-names", "spine", "--out",
                tmp.resolve("y").toString());
        assertEquals(1, unnamed.exit());
        assertTrue(unnamed.err().contains("it holds value 2, which no class name names"), unnamed.err());
        CliRun notMap = CliRun.of("convert", "labels", "--input", dir.resolve("ct-3slice").toString(), "--labels",
                dir.resolve("liver.dcm").toString(), "--out", tmp.resolve("x").toString());
        assertEquals(2, notMap.exit());
        assertTrue(notMap.err().contains("neither NRRD nor NIfTI"), notMap.err());
    }

    /**
     * dcmqi's liver kept on a grid of half the in-plane resolution, 10° turned (as a network's
     * output at its own spacing would be, sampled here by nearest voxel): {@code compare} resamples
     * it onto the CT, says so, and scores it close to dcmqi's SEG (measured: Dice 0.9946).
     */
    @Test
    void aLabelMapOnAnotherGridIsResampledWithAWarning(@TempDir Path tmp) throws Exception {
        Path dir = SharedData.path("dicom-real/dcmqi");
        Volume ct = new SeriesReader().read(dir.resolve("ct-3slice"), ProgressListener.NONE).parts().get(0).volume();
        LabelVolume liver = LabelMaps.read(dir.resolve("liver_seg.nrrd"), ct.geometry(), List.of("Liver"), w -> { });
        Geometry g = ct.geometry();
        double c = Math.cos(Math.toRadians(10)), s = Math.sin(Math.toRadians(10));
        double[] r = g.rowCosines(), col = g.columnCosines();
        double[] turnedRow = new double[3], turnedCol = new double[3];
        for (int a = 0; a < 3; a++) {
            turnedRow[a] = c * r[a] + s * col[a];
            turnedCol[a] = -s * r[a] + c * col[a];
        }
        double[] dir9 = {turnedRow[0], turnedRow[1], turnedRow[2], turnedCol[0], turnedCol[1], turnedCol[2],
                g.direction()[6], g.direction()[7], g.direction()[8]};
        Geometry coarse = new Geometry(new int[] {300, 300, 3}, new double[] {2 * g.spacing()[0], 2 * g.spacing()[1],
                g.spacing()[2]}, g.toPatient(-20, 40, 0), dir9);
        byte[] labels = new byte[(int) coarse.voxelCount()];
        for (int z = 0, i = 0; z < 3; z++) {
            for (int y = 0; y < 300; y++) {
                for (int x = 0; x < 300; x++, i++) {
                    double[] v = g.toVoxel(coarse.toPatient(x, y, z));
                    int vx = (int) Math.round(v[0]), vy = (int) Math.round(v[1]), vz = (int) Math.round(v[2]);
                    if (vx >= 0 && vy >= 0 && vx < g.nx() && vy < g.ny()) labels[i] = (byte) liver.get(vx, vy, vz);
                }
            }
        }
        Path map = tmp.resolve("liver_coarse.nii.gz");
        NiftiWriter.writeLabels(new LabelVolume(labels, coarse, liver.classes()), map);
        CliRun cmp = CliRun.of("compare", "--series", dir.resolve("ct-3slice").toString(), "--reference",
                dir.resolve("liver.dcm").toString(), "--segmentation", map.toString(), "--label-names", "Liver");
        assertEquals(0, cmp.exit(), cmp.err());
        assertTrue(cmp.err().contains("resampled from its own grid (300x300x3 voxels of 1.62x1.62x1.00 mm)"), cmp.err());
        double dice = Double.parseDouble(cmp.out().replaceAll("(?s).*dice Liver: ([0-9.]+).*", "$1"));
        assertTrue(dice > 0.98 && dice < 1, "resampling costs a little at the outline: " + dice);
    }
}
