package org.atrous.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.atrous.dicom.CodedConcept;
import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.Volume;
import org.atrous.model.IntensityWindow;
import org.atrous.model.Preprocessing;
import org.atrous.progress.ProgressListener;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class TrainerTest {

    static final List<SegmentClass> CLASSES = List.of(
            new SegmentClass(1, "organ", new int[] {255, 0, 0}, SegmentClass.ANATOMICAL_STRUCTURE,
                    CodedConcept.sct("10200004", "Liver")),
            new SegmentClass(2, "lesion", new int[] {0, 255, 0}, SegmentClass.MORPHOLOGICALLY_ABNORMAL,
                    CodedConcept.sct("108369006", "Neoplasm")));

    /** A noisy disc (organ, 80 HU) holding a small dark lesion (10 HU) on −100 HU background. */
    static TrainingCase syntheticCase(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 40, nz = 4;
        float[] img = new float[n * n * nz];
        byte[] lab = new byte[img.length];
        double cx = 15 + rnd.nextDouble() * 10, cy = 15 + rnd.nextDouble() * 10, r = 9 + rnd.nextDouble() * 4;
        double lx = cx + rnd.nextDouble() * 4 - 2, ly = cy + rnd.nextDouble() * 4 - 2, lr = 2.5 + rnd.nextDouble();
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    int i = (z * n + y) * n + x;
                    int l = Math.hypot(x - lx, y - ly) < lr ? 2 : Math.hypot(x - cx, y - cy) < r ? 1 : 0;
                    lab[i] = (byte) l;
                    img[i] = (l == 2 ? 10 : l == 1 ? 80 : -100) + (float) (rnd.nextDouble() * 20 - 10);
                }
            }
        }
        Geometry g = Geometry.axial(n, n, nz, 1, 1, 3);
        return new TrainingCase("case" + seed, Volume.of(img, g, "CT"), new LabelVolume(lab, g, CLASSES));
    }

    static ComputationGraph tinyNet() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).graphBuilder()
                .addInputs("in")
                .addLayer("c1", conv(8, 1), "in")
                .addLayer("c2", conv(8, 2), "c1")
                .addLayer("c3", new ConvolutionLayer.Builder(1, 1).nOut(3).activation(Activation.IDENTITY).build(), "c2")
                .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).build(), "c3")
                .setOutputs("out").setInputTypes(InputType.convolutional(32, 32, 1)).build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    private static ConvolutionLayer conv(int n, int dilation) {
        return new ConvolutionLayer.Builder(3, 3).nOut(n).dilation(dilation, dilation)
                .convolutionMode(ConvolutionMode.Same).activation(Activation.RELU).build();
    }

    static final Preprocessing PRE = new Preprocessing(List.of(new IntensityWindow(0, 300)), false, 0, 64, 8, 0);

    static TrainingOptions options(Path dir, int epochs) {
        return new TrainingOptions(epochs, 15, 8, 32, 0.01, LearningRateSchedule.POLY, 1e-4, 1.0, 0.5, Augmentation.standard(true), 0, 42, dir);
    }

    @Test
    void lossFallsAndValidationDiceIsHigh(@TempDir Path dir) throws Exception {
        List<TrainingCase> train = new ArrayList<>();
        for (int s = 0; s < 4; s++) train.add(syntheticCase(s));
        List<String> log = new ArrayList<>();
        ProgressListener l = new ProgressListener() {
            @Override public void log(String m) { log.add(m); }
        };
        Trainer.Result r = new Trainer(PRE, CLASSES, options(dir, 4)).train(tinyNet(), train,
                List.of(syntheticCase(100)), l);
        List<EpochRecord> h = r.state().history;
        assertEquals(4, h.size());
        assertTrue(h.get(3).loss() < h.get(0).loss() * 0.8, "loss " + h.get(0).loss() + " -> " + h.get(3).loss());
        assertTrue(r.state().bestDice > 0.6, "best mean Dice " + r.state().bestDice);
        assertTrue(Files.exists(dir.resolve(Trainer.BEST)));
        assertEquals(4, log.size());
    }

    @Test
    void sameSeedSameModelAndResumeContinues(@TempDir Path a, @TempDir Path b) throws Exception {
        List<TrainingCase> train = List.of(syntheticCase(1), syntheticCase(2));
        List<TrainingCase> val = List.of(syntheticCase(3));
        Trainer.Result one = new Trainer(PRE, CLASSES, options(a, 2)).train(tinyNet(), train, val, ProgressListener.NONE);
        Trainer.Result two = new Trainer(PRE, CLASSES, options(b, 2)).train(tinyNet(), train, val, ProgressListener.NONE);
        assertEquals(one.graph().params(), two.graph().params());
        Trainer.Result resumed = new Trainer(PRE, CLASSES, options(a, 3)).train(tinyNet(), train, val, ProgressListener.NONE);
        assertEquals(3, resumed.state().epochsDone);
        assertEquals(3, resumed.state().history.size());
        assertEquals(one.state().history.get(1).loss(), resumed.state().history.get(1).loss());
    }

    @Test
    void theBestEpochIsChosenOnTheNamedClassesAlone(@TempDir Path dir) throws Exception {
        List<TrainingCase> train = List.of(syntheticCase(1), syntheticCase(2));
        Trainer.Result r = new Trainer(PRE, CLASSES, options(dir, 2)).selectBy(List.of("LESION"))
                .train(tinyNet(), train, List.of(syntheticCase(3)), ProgressListener.NONE);
        for (EpochRecord e : r.state().history) {
            assertEquals(e.validationDice()[1], e.meanDice(), 1e-12, "epoch " + e.epoch() + " judged by the lesion");
        }
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Trainer(PRE, CLASSES, options(dir, 1)).selectBy(List.of("tumour")));
        assertTrue(e.getMessage().contains("no class \"tumour\""), e.getMessage());
    }
}
