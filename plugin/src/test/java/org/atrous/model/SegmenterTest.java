package org.atrous.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.atrous.dicom.CodedConcept;
import org.atrous.dicom.Geometry;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.Volume;
import org.atrous.progress.ProgressListener;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class SegmenterTest {

    static final List<SegmentClass> ONE_CLASS = List.of(new SegmentClass(1, "bright", new int[] {255, 0, 0},
            SegmentClass.ANATOMICAL_STRUCTURE, CodedConcept.sct("10200004", "Liver")));

    /** Class 1 wherever channel 0 exceeds 0.5: a known pixel-wise function of the input. */
    static final class Threshold implements PixelClassifier {
        int calls;
        int lastHeight, lastWidth;

        @Override public int classes() { return 2; }

        @Override
        public float[] predict(float[] in, int batch, int channels, int h, int w) {
            calls++;
            lastHeight = h;
            lastWidth = w;
            float[] out = new float[batch * 2 * h * w];
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < h * w; i++) {
                    float v = in[(b * channels) * h * w + i];
                    float p = v > 0.5f ? 0.99f : 0.01f;
                    out[(b * 2 + 1) * h * w + i] = p;
                    out[(b * 2) * h * w + i] = 1 - p;
                }
            }
            return out;
        }
    }

    /** An odd-sized volume: a bright disc (HU 200) on −100 background. */
    static Volume disc(int nx, int ny, int nz) {
        float[] d = new float[nx * ny * nz];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    double r = Math.hypot(x - nx * 0.4, y - ny * 0.55);
                    d[(z * ny + y) * nx + x] = r < nx * 0.25 ? 200 : -100;
                }
            }
        }
        return Volume.of(d, Geometry.axial(nx, ny, nz, 0.7, 0.7, 2), "CT");
    }

    @Test
    void tiledInferenceReproducesAPixelwiseFunctionOnTheInputGrid() {
        Volume v = disc(301, 197, 3);
        Preprocessing pre = new Preprocessing(List.of(new IntensityWindow(50, 300)), false, 0, 64, 16, 0);
        Threshold net = new Threshold();
        Segmentation s = new Segmenter(net, pre, ONE_CLASS, 8).segment(v, ProgressListener.NONE);
        assertEquals(64, net.lastWidth);
        assertEquals(64, net.lastHeight);
        int wrong = 0;
        for (int i = 0; i < v.data().length; i++) {
            int expected = v.data()[i] > 50 ? 1 : 0;
            if ((s.labels().labels()[i] & 0xff) != expected) wrong++;
            float sum = s.probabilities().get(0, i) + s.probabilities().get(1, i);
            assertEquals(1f, sum, 2f / 255f);
        }
        assertEquals(0, wrong, "tiles and blending must not change a pixel-wise decision");
    }

    @Test
    void resamplingToTheModelSpacingComesBackOnTheSeriesGrid() {
        Volume v = disc(121, 87, 2); // 0.7 mm pixels, model wants 1.4 mm
        Preprocessing pre = new Preprocessing(List.of(new IntensityWindow(50, 300)), false, 1.4, 256, 16, 1);
        Threshold net = new Threshold();
        Segmentation s = new Segmenter(net, pre, ONE_CLASS, 4).segment(v, ProgressListener.NONE);
        assertEquals(64, net.lastWidth);  // round(121 * 0.7 / 1.4) = 61, padded to 64
        assertEquals(48, net.lastHeight); // round(87 * 0.7 / 1.4) = 44, padded to 48
        assertEquals(v.geometry(), s.labels().geometry());
        int wrong = 0;
        for (int i = 0; i < v.data().length; i++) {
            if ((s.labels().labels()[i] & 0xff) != (v.data()[i] > 50 ? 1 : 0)) wrong++;
        }
        // only pixels on the disc's edge may flip after down- and up-sampling
        assertTrue(wrong < 0.02 * v.data().length, wrong + " wrong pixels");
    }

    @Test
    void aRealDl4jGraphRunsThroughTheSegmenter() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("in")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(2).convolutionMode(
                        org.deeplearning4j.nn.conf.ConvolutionMode.Same).activation(Activation.IDENTITY).build(), "in")
                .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).build(), "conv")
                .setOutputs("out").setInputTypes(InputType.convolutional(32, 32, 3)).build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        Preprocessing pre = new Preprocessing(List.of(new IntensityWindow(40, 400)), false, 0, 512, 8, 1);
        Volume v = disc(37, 29, 4);
        Segmentation s = new Segmenter(new GraphClassifier(graph, 2), pre, ONE_CLASS, 4).segment(v, ProgressListener.NONE);
        assertEquals(37 * 29 * 4, s.labels().labels().length);
        for (int i = 0; i < v.data().length; i += 7) {
            assertEquals(1f, s.probabilities().get(0, i) + s.probabilities().get(1, i), 2f / 255f);
        }
    }

    /** Class 1 with probability {@code p} everywhere. */
    record Constant(float p) implements PixelClassifier {
        @Override public int classes() { return 2; }

        @Override
        public float[] predict(float[] in, int batch, int channels, int h, int w) {
            float[] out = new float[batch * 2 * h * w];
            for (int b = 0; b < batch; b++) {
                java.util.Arrays.fill(out, b * 2 * h * w, (b * 2 + 1) * h * w, 1 - p);
                java.util.Arrays.fill(out, (b * 2 + 1) * h * w, (b * 2 + 2) * h * w, p);
            }
            return out;
        }
    }

    @Test
    void aModelSlicingAcrossXSeesColumnsAsSlicesAndAnswersOnTheSeriesGrid() {
        Volume v = disc(41, 33, 7); // the disc is the same on every slice
        Preprocessing pre = new Preprocessing(List.of(new IntensityWindow(50, 300)), false, 0, 64, 16, 0, SliceAxis.X);
        Threshold net = new Threshold();
        Segmentation s = new Segmenter(net, pre, ONE_CLASS, 8).segment(v, ProgressListener.NONE);
        assertEquals(48, net.lastWidth);  // a slice across x is ny = 33 wide, padded to 48
        assertEquals(16, net.lastHeight); // and nz = 7 high, padded to 16
        assertEquals(v.geometry(), s.labels().geometry());
        for (int i = 0; i < v.data().length; i++) {
            assertEquals(v.data()[i] > 50 ? 1 : 0, s.labels().labels()[i] & 0xff, "voxel " + i);
        }
    }

    @Test
    void anEnsembleAveragesItsMembersProbabilities() {
        Volume v = disc(40, 30, 3);
        Preprocessing z = new Preprocessing(List.of(new IntensityWindow(50, 300)), false, 0, 64, 16, 0);
        Segmenter lead = new Segmenter(new Threshold(), z, ONE_CLASS, 8);
        Segmenter unsure = new Segmenter(new Constant(0.3f), z.withSliceAxis(SliceAxis.Y), ONE_CLASS, 8);
        Segmentation s = lead.withEnsemble(List.of(unsure)).segment(v, ProgressListener.NONE);
        assertEquals(2, lead.ensembleSize());
        for (int i = 0; i < v.data().length; i++) {
            boolean inside = v.data()[i] > 50;
            assertEquals(inside ? (0.99f + 0.3f) / 2 : (0.01f + 0.3f) / 2, s.probabilities().get(1, i), 1.5f / 255f);
            assertEquals(inside ? 1 : 0, s.labels().labels()[i]);
        }
        // a member sure of background outvotes the lead's 0.99 only together: (0.99 + 0) / 2 < 0.5
        Segmentation vetoed = new Segmenter(new Threshold(), z, ONE_CLASS, 8)
                .withEnsemble(List.of(new Segmenter(new Constant(0f), z, ONE_CLASS, 8))).segment(v, ProgressListener.NONE);
        for (byte label : vetoed.labels().labels()) assertEquals(0, label);
    }

    @Test
    void ensembleMembersMustHaveTheLeadsClasses() {
        Preprocessing pre = new Preprocessing(List.of(new IntensityWindow(50, 300)), false, 0, 64, 16, 0);
        List<SegmentClass> other = List.of(new SegmentClass(1, "other", new int[] {0, 255, 0},
                SegmentClass.ANATOMICAL_STRUCTURE, CodedConcept.sct("10200004", "Liver")));
        Segmenter lead = new Segmenter(new Threshold(), pre, ONE_CLASS, 4);
        assertThrows(IllegalArgumentException.class,
                () -> lead.withEnsemble(List.of(new Segmenter(new Threshold(), pre, other, 4))));
    }

    @Test
    void aCardWhoseClassesDoNotMatchTheNetworkIsRefused() {
        Preprocessing pre = new Preprocessing(List.of(new IntensityWindow(50, 300)), false, 0, 64, 16, 0);
        assertThrows(IllegalArgumentException.class, () -> new Segmenter(new Threshold(), pre, List.of(), 4));
    }
}
