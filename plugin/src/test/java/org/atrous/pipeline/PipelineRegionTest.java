package org.atrous.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.atrous.crf.CrfMode;
import org.atrous.crf.CrfParams;
import org.atrous.dicom.CodedConcept;
import org.atrous.dicom.Geometry;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.Volume;
import org.atrous.dicom.VoxelBox;
import org.atrous.model.IntensityWindow;
import org.atrous.model.PixelClassifier;
import org.atrous.model.Preprocessing;
import org.atrous.model.ProbabilityVolume;
import org.atrous.model.Segmenter;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;

/**
 * A region of the series segmented alone: labels and probabilities land where the region lies
 * and the rest is background; a model trained on crops warns about a series far larger than them.
 */
class PipelineRegionTest {

    private static final List<SegmentClass> BRIGHT = List.of(new SegmentClass(1, "bright", new int[] {255, 0, 0},
            SegmentClass.ANATOMICAL_STRUCTURE, CodedConcept.sct("10200004", "Liver")));

    /** Calls a voxel bright where its windowed value (centre channel) is above 0.6: the same wherever it is cut. */
    private static final PixelClassifier THRESHOLD = new PixelClassifier() {
        @Override public int classes() { return 2; }
        @Override public float[] predict(float[] in, int batch, int channels, int h, int w) {
            int plane = h * w;
            float[] out = new float[batch * 2 * plane];
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < plane; i++) {
                    boolean bright = in[(b * channels + channels / 2) * plane + i] > 0.6f;
                    out[b * 2 * plane + i] = bright ? 0.1f : 0.9f;
                    out[(b * 2 + 1) * plane + i] = bright ? 0.9f : 0.1f;
                }
            }
            return out;
        }
    };

    /** Bright squares (200 HU) on 0 HU, one in each quarter of each slice. */
    private static Volume squares(int n, int nz, double mm) {
        float[] d = new float[n * n * nz];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    boolean in = (x % (n / 2)) >= n / 8 && (x % (n / 2)) < n / 4 && (y % (n / 2)) >= n / 8 && (y % (n / 2)) < n / 4;
                    d[(z * n + y) * n + x] = in ? 200 : 0;
                }
            }
        }
        return Volume.of(d, Geometry.axial(n, n, nz, mm, mm, 2), "MR");
    }

    private static PipelineResult run(Volume v, VoxelBox region, double[] trainedExtent, List<String> log) {
        Preprocessing pre = new Preprocessing(List.of(new IntensityWindow(40, 400)), false, 0, 64, 16, 0);
        Segmenter s = new Segmenter(THRESHOLD, pre, BRIGHT, 4).withTrainingExtent(trainedExtent);
        ProgressListener listener = new ProgressListener() {
            @Override public void progress(String stage, double fraction) { }
            @Override public void log(String message) { log.add(message); }
        };
        return new Pipeline(s, new PipelineOptions(CrfMode.OFF, CrfParams.defaults(), 4).withRegion(region)).run(v, listener);
    }

    @Test
    void aRegionIsSegmentedAloneAndTheRestIsBackground() {
        Volume v = squares(96, 4, 1);
        PipelineResult whole = run(v, null, null, new ArrayList<>());
        List<String> log = new ArrayList<>();
        VoxelBox box = VoxelBox.parse("0:48, 10:60, 1:");
        PipelineResult part = run(v, box, null, log);
        assertTrue(log.contains("segmenting only the region 0:48,10:60,1:4 of the series' 96x96x4 voxels"), log.toString());
        byte[] w = whole.labels().labels(), p = part.labels().labels();
        assertEquals(w.length, p.length, "labels on the whole series' grid");
        int inside = 0;
        for (int z = 0; z < 4; z++) {
            for (int y = 0; y < 96; y++) {
                for (int x = 0; x < 96; x++) {
                    int i = (z * 96 + y) * 96 + x;
                    boolean in = x < 48 && y >= 10 && y < 60 && z >= 1;
                    assertEquals(in ? w[i] : 0, p[i], "voxel " + x + "," + y + "," + z);
                    if (in && p[i] == 1) inside++;
                    ProbabilityVolume q = part.probabilities();
                    if (!in) assertEquals(1f, q.get(0, i), 1e-6);
                    if (!in) assertEquals(ProbabilityVolume.FLOOR, q.get(1, i), 1e-6);
                }
            }
        }
        assertEquals(3 * 12 * 12, inside, "the one square of each of 3 slices within the region");
        assertEquals(inside * 2 / 1000.0, part.measurements().get(0).volumeMl(), 1e-9, "measured on the whole grid");
        assertTrue(VoxelBox.parse(":,:,:").whole(v.geometry()));
    }

    @Test
    void aModelTrainedOnCropsWarnsAboutASeriesFarLargerThanThem() {
        double[] crops = {40, 40, 40};
        List<String> log = new ArrayList<>();
        PipelineResult wide = run(squares(96, 4, 1), null, crops, log);
        assertEquals(1, wide.warnings().size(), wide.warnings().toString());
        String w = wide.warnings().get(0);
        assertTrue(w.startsWith("the series covers 96x96x8 mm, and the model was trained on images of at most 40x40x40 mm"), w);
        assertTrue(log.contains("warning: " + w));
        assertTrue(run(squares(96, 4, 0.8), null, crops, new ArrayList<>()).warnings().isEmpty(), "76.8 mm: within twice 40");
        assertTrue(run(squares(96, 4, 1), VoxelBox.parse("10:70,10:70,:"), crops, new ArrayList<>()).warnings().isEmpty(),
                "a 60 mm region of it is not warned about");
        assertTrue(run(squares(96, 4, 1), null, null, new ArrayList<>()).warnings().isEmpty(), "a model trained on whole images");
    }

    @Test
    void badRegionsAreRefusedWithTheFormTheyNeed() {
        Geometry g = Geometry.axial(96, 96, 4, 1, 1, 2);
        assertEquals(new VoxelBox(10, 96, 0, 50, 0, 4), VoxelBox.parse("10:200,:50,:").within(g));
        for (String bad : List.of("10:20,30:40", "a:b,:,:", "10-20,:,:", "20:10,:,:")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VoxelBox.parse(bad), bad);
            assertTrue(e.getMessage().contains("X0:X1,Y0:Y1,Z0:Z1") || e.getMessage().startsWith("empty or negative region"),
                    e.getMessage());
        }
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> VoxelBox.parse("100:120,:,:").within(g));
        assertEquals("the region 100:120,0:,0: lies outside the series' 96x96x4 voxels", outside.getMessage());
        assertFalse(VoxelBox.parse(":,:,1:").whole(g));
    }
}
