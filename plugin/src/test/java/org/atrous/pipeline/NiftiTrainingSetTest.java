package org.atrous.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.NiftiWriter;
import org.atrous.dicom.Volume;
import org.atrous.model.train.TrainingCase;
import org.atrous.phantom.PhantomClasses;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NiftiTrainingSetTest {

    @Test
    void aPairThatCannotBeReadIsSkippedWithItsReason(@TempDir Path dir) throws Exception {
        Path images = Files.createDirectories(dir.resolve("images")), labels = Files.createDirectories(dir.resolve("labels"));
        Geometry g = Geometry.axial(8, 8, 2, 1, 1, 1);
        byte[] lab = new byte[128];
        lab[10] = 1;
        for (String id : new String[] {"a", "b", "c", "d"}) {
            NiftiWriter.writeImage(Volume.of(new float[128], g, "CT"), images.resolve(id + ".nii.gz"));
            NiftiWriter.writeLabels(new LabelVolume(lab, g, PhantomClasses.ALL), labels.resolve(id + ".nii.gz"));
        }
        // b's image cut short; c's labels 500 mm away from its image; d's on finer slices, resampled
        byte[] whole = Files.readAllBytes(images.resolve("b.nii.gz"));
        Files.write(images.resolve("b.nii.gz"), Arrays.copyOf(whole, whole.length / 2));
        Geometry away = new Geometry(new int[] {8, 8, 2}, new double[] {1, 1, 1}, new double[] {500, 0, 0},
                new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        NiftiWriter.writeLabels(new LabelVolume(lab, away, PhantomClasses.ALL), labels.resolve("c.nii.gz"));
        Geometry finer = Geometry.axial(8, 8, 4, 1, 1, 0.5);
        byte[] fine = new byte[256];
        fine[10] = fine[74] = 1; // voxel (2,1) of the first two 0.5 mm slices: the 1 mm slice 0's centre lies between them
        NiftiWriter.writeLabels(new LabelVolume(fine, finer, PhantomClasses.ALL), labels.resolve("d.nii.gz"));
        List<String> logged = new ArrayList<>();
        List<TrainingCase> cases = TrainingSets.nifti(images, labels, PhantomClasses.ALL, new ProgressListener() {
            @Override public void log(String message) { logged.add(message); }
        });
        assertEquals(List.of("a", "d"), cases.stream().map(TrainingCase::id).toList());
        assertArrayEquals(lab, cases.get(1).labels().labels(), "d's labels on its image's grid");
        assertEquals(3, logged.size(), logged.toString());
        assertTrue(logged.get(0).startsWith("skipped " + images.resolve("b.nii.gz") + ": "), logged.get(0));
        assertTrue(logged.get(1).contains("none of its labels lands on the series"), logged.get(1));
        assertTrue(logged.get(2).startsWith("d.nii.gz: resampled from its own grid (8x8x4 voxels of 1.00x1.00x0.50 mm)"),
                logged.get(2));
    }

    /** 3D Slicer's layout: volumes as NRRD, their segmentations as .seg.nrrd cropped to the segments, named by segment. */
    @Test
    void slicerVolumesAndCroppedSegmentationsPairByName(@TempDir Path dir) throws Exception {
        Path images = Files.createDirectories(dir.resolve("images")), labels = Files.createDirectories(dir.resolve("labels"));
        Files.write(images.resolve("case1.nrrd"), nrrd("type: short\ndimension: 3\nspace: left-posterior-superior\n"
                + "sizes: 4 4 2\nspace directions: (1,0,0) (0,1,0) (0,0,2)\nendian: little\nencoding: raw\n"
                + "space origin: (0,0,0)\n\n", new byte[2 * 32]));
        // the spleen (value 1 in this file) in a 2x2x1 crop at voxel (1,1,1)
        Files.write(labels.resolve("case1.seg.nrrd"), nrrd("type: unsigned char\ndimension: 3\n"
                + "space: left-posterior-superior\nsizes: 2 2 1\nspace directions: (1,0,0) (0,1,0) (0,0,2)\n"
                + "encoding: raw\nspace origin: (1,1,2)\nSegment0_Name:=spleen\nSegment0_LabelValue:=1\n\n",
                new byte[] {1, 1, 0, 1}));
        List<TrainingCase> cases = TrainingSets.nifti(images, labels, TrainingSets.classesNamed(List.of("liver", "spleen")),
                ProgressListener.NONE);
        assertEquals(List.of("case1"), cases.stream().map(TrainingCase::id).toList());
        byte[] l = cases.get(0).labels().labels();
        assertEquals(3, new String(l, java.nio.charset.StandardCharsets.ISO_8859_1).chars().filter(c -> c == 2).count(),
                "three spleen voxels, numbered as the class list (liver 1, spleen 2)");
        assertEquals(2, l[1 + 4 * (1 + 4 * 1)]);
        assertEquals(0, l[1 + 4 * (2 + 4 * 1)], "the crop's fourth voxel is empty");
    }

    private static byte[] nrrd(String header, byte[] data) {
        byte[] h = ("NRRD0004\n" + header).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(h, h.length + data.length);
        System.arraycopy(data, 0, out, h.length, data.length);
        return out;
    }
}
