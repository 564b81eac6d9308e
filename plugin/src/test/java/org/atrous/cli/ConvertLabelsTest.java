package org.atrous.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.atrous.dicom.Dciodvfy;
import org.atrous.dicom.SharedData;
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
}
