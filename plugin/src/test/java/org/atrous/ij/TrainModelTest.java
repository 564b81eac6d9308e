package org.atrous.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.OvalRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import org.atrous.model.ModelStore;
import org.atrous.model.train.TrainingCase;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Train Model from an open stack whose overlay ROIs are named by class (headless, tiny). */
class TrainModelTest {

    @TempDir Path tmp;

    @Test
    void trainsFromNamedRoisAndWritesALoadableModel() throws Exception {
        ImagePlus imp = OutlinedStacks.make("annotated", 48, 4,
                new OutlinedStacks.Structure("organ", 60, z -> new OvalRoi(10 + z, 12, 20, 18)));
        Overlay overlay = imp.getOverlay();
        WindowManager.setTempCurrentImage(imp);

        TrainingCase c = TrainModel.fromStack("");
        assertEquals(List.of("organ"), c.labels().classes().stream().map(k -> k.name()).toList());
        long organ = c.labels().histogram()[1];
        assertTrue(organ > 4 * 200, "organ voxels " + organ);

        Path card = TrainModel.train(List.of(c), "tiny", 1, 2, 32, TrainModel.preprocessing("40:400", 0, 0), tmp,
                ProgressListener.NONE);
        ModelStore.LoadedModel m = ModelStore.load(card);
        assertEquals("tiny", m.card().id());
        assertEquals("organ", m.card().classes().get(0).name());
        assertEquals(10.0, m.card().crfParams().boxMarginMm(), "the CRF refines the foreground's box only");
        assertTrue(m.card().training().description().contains("validated on the training case itself"));
        // an uncalibrated 48x48 stack of 4 slices: 1 (unit) per pixel and slice
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {48, 48, 4},
                m.card().preprocessing().trainingExtentMm(), "the stack's extent is on the card");

        // a second user class: fine-tuned from that model, its classifier re-mapped, its input settings kept
        Roi cyst = new OvalRoi(30, 30, 8, 8);
        cyst.setName("cyst");
        cyst.setPosition(2);
        overlay.add(cyst);
        TrainingCase two = TrainModel.fromStack("");
        Path tuned = TrainModel.fineTune(m, List.of(two), "tiny-cyst", 1, 1, 32, tmp, ProgressListener.NONE);
        ModelStore.LoadedModel t = ModelStore.load(tuned);
        assertEquals(List.of("organ", "cyst"), t.card().classes().stream().map(k -> k.name()).toList());
        assertEquals(m.card().preprocessing().huWindows(), t.card().preprocessing().huWindows());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {48, 48, 4},
                t.card().preprocessing().trainingExtentMm(), "fine-tuned on the same stack: the same extent");
        assertTrue(t.card().training().description().contains(
                "fine-tuned from tiny 1.0.0, its classifier re-mapped to organ (carried over), cyst (new)"),
                t.card().training().description());
    }

    @Test
    void aModelFromScratchCanSeeNeighbouringSlicesAtItsOwnSpacing() throws Exception {
        ImagePlus imp = OutlinedStacks.make("annotated-2.5d", 48, 5,
                new OutlinedStacks.Structure("organ", 60, z -> new OvalRoi(10 + z, 12, 20, 18)));
        WindowManager.setTempCurrentImage(imp);
        Path card = TrainModel.train(List.of(TrainModel.fromStack("")), "tiny-25d", 1, 2, 32,
                TrainModel.preprocessing("40:400, 60:150", 1.25, 1), tmp, ProgressListener.NONE);
        ModelStore.LoadedModel m = ModelStore.load(card);
        assertEquals(1, m.card().preprocessing().neighbourSlices());
        assertEquals(2 * 3, m.card().architecture().inputChannels(), "two windows times three slices");
        assertEquals(1.25, m.card().preprocessing().targetSpacingMm()[0], 0);
        // the stack is uncalibrated, so its slices are 1 (unit) apart: the card says where the neighbours lie
        assertEquals(1.0, m.card().preprocessing().sliceSpacingMm());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TrainModel.preprocessing("40:400", 0, -1));
    }

    @Test
    void niftiImagesWithLabelMapsAreCasesOfTheNamedClasses() throws Exception {
        Path images = java.nio.file.Files.createDirectories(tmp.resolve("imagesTr"));
        Path labels = java.nio.file.Files.createDirectories(tmp.resolve("labelsTr"));
        org.atrous.dicom.Geometry g = org.atrous.dicom.Geometry.axial(16, 16, 3, 1, 1, 2);
        byte[] lab = new byte[16 * 16 * 3];
        for (int i = 0; i < 40; i++) lab[300 + i] = (byte) (i < 20 ? 1 : 2);
        java.util.List<org.atrous.dicom.SegmentClass> two = org.atrous.pipeline.TrainingSets.classesNamed(List.of("a", "b"));
        for (String id : new String[] {"case1", "case2"}) {
            org.atrous.dicom.NiftiWriter.writeImage(org.atrous.dicom.Volume.of(new float[lab.length], g, "MR"),
                    images.resolve(id + ".nii.gz"));
            org.atrous.dicom.NiftiWriter.writeLabels(new org.atrous.dicom.LabelVolume(lab, g, two), labels.resolve(id + ".nii.gz"));
        }
        List<TrainingCase> cases = TrainModel.cases(TrainModel.NIFTI, images.toString(), labels.toString(),
                "anterior, posterior", ProgressListener.NONE);
        assertEquals(List.of("case1", "case2"), cases.stream().map(TrainingCase::id).toList());
        assertEquals(List.of("anterior", "posterior"), cases.get(0).labels().classes().stream().map(k -> k.name()).toList());
        assertEquals(20, cases.get(1).labels().histogram()[2]);
        IllegalArgumentException noClasses = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TrainModel.cases(TrainModel.NIFTI, images.toString(), labels.toString(), "", ProgressListener.NONE));
        assertTrue(noClasses.getMessage().contains("in label order"), noClasses.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TrainModel.cases(TrainModel.NIFTI, images.toString(), "", "a, b", ProgressListener.NONE));
    }

    @Test
    void aFolderOfOutlinedTiffStacksIsOneCasePerStack() throws Exception {
        Path folder = java.nio.file.Files.createDirectories(tmp.resolve("outlined"));
        for (String name : new String[] {"one", "two"}) {
            ImagePlus imp = OutlinedStacks.make(name, 40, 3,
                    new OutlinedStacks.Structure("organ", 60, z -> new OvalRoi(8 + z, 10, 16, 14)));
            assertTrue(new ij.io.FileSaver(imp).saveAsTiffStack(folder.resolve(name + ".tif").toString()));
        }
        List<TrainingCase> cases = TrainModel.cases(TrainModel.TIFFS, folder.toString(), "", "organ", ProgressListener.NONE);
        assertEquals(List.of("one", "two"), cases.stream().map(TrainingCase::id).toList());
        assertTrue(cases.get(0).labels().histogram()[1] > 3 * 100);
    }
}
