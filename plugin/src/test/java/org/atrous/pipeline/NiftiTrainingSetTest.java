package org.atrous.pipeline;

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
        for (String id : new String[] {"a", "b", "c"}) {
            NiftiWriter.writeImage(Volume.of(new float[128], g, "CT"), images.resolve(id + ".nii.gz"));
            NiftiWriter.writeLabels(new LabelVolume(lab, g, PhantomClasses.ALL), labels.resolve(id + ".nii.gz"));
        }
        // b's image cut short; c's labels on another grid
        byte[] whole = Files.readAllBytes(images.resolve("b.nii.gz"));
        Files.write(images.resolve("b.nii.gz"), Arrays.copyOf(whole, whole.length / 2));
        Geometry other = Geometry.axial(8, 8, 3, 1, 1, 1);
        NiftiWriter.writeLabels(new LabelVolume(new byte[192], other, PhantomClasses.ALL), labels.resolve("c.nii.gz"));
        List<String> logged = new ArrayList<>();
        List<TrainingCase> cases = TrainingSets.nifti(images, labels, PhantomClasses.ALL, new ProgressListener() {
            @Override public void log(String message) { logged.add(message); }
        });
        assertEquals(List.of("a"), cases.stream().map(TrainingCase::id).toList());
        assertEquals(2, logged.size(), logged.toString());
        assertTrue(logged.get(0).startsWith("skipped " + images.resolve("b.nii.gz") + ": "), logged.get(0));
        assertTrue(logged.get(1).startsWith("skipped " + images.resolve("c.nii.gz") + ": "), logged.get(1));
    }
}
