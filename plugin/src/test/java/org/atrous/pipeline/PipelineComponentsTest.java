package org.atrous.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegmentClass;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;

/** The pipeline's component post-processing after the CRF, on a label volume made here. */
class PipelineComponentsTest {

    private static final int N = 16;
    private static final SegmentClass SPLEEN = new SegmentClass(1, "spleen", new int[] {157, 108, 162},
            SegmentClass.ANATOMICAL_STRUCTURE, SegmentClass.ANATOMICAL_STRUCTURE);
    private static final SegmentClass TUMOUR = new SegmentClass(2, "tumour", new int[] {255, 255, 0},
            SegmentClass.ANATOMICAL_STRUCTURE, SegmentClass.ANATOMICAL_STRUCTURE);

    private static void box(byte[] v, int value, int x0, int x1, int z0, int z1) {
        for (int z = z0; z < z1; z++) for (int y = x0; y < x1; y++) for (int x = x0; x < x1; x++) v[(z * N + y) * N + x] = (byte) value;
    }

    private static long count(LabelVolume l, int value) {
        long c = 0;
        for (byte b : l.labels()) if (b == value) c++;
        return c;
    }

    @Test
    void onlyTheNamedClassesKeepTheirLargestComponentAndEachRemovalIsLogged() {
        byte[] v = new byte[N * N * N];
        box(v, 1, 1, 7, 1, 7);    // 216-voxel spleen
        box(v, 1, 10, 12, 10, 12); // 8-voxel second spleen
        box(v, 2, 8, 9, 1, 2);    // two one-voxel tumours, far apart
        box(v, 2, 14, 15, 14, 15);
        LabelVolume labels = new LabelVolume(v, Geometry.axial(N, N, N, 1, 1, 1), List.of(SPLEEN, TUMOUR));
        List<String> log = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override public void progress(String stage, double fraction) { }
            @Override public void log(String message) { log.add(message); }
        };
        Pipeline.removeSmallComponents(labels, Map.of(), listener);
        Pipeline.keepLargestComponents(labels, List.of("spleen"), listener);
        assertEquals(216, count(labels, 1));
        assertEquals(2, count(labels, 2), "tumours are not in the list: both stay");
        assertEquals(List.of("removed 1 spleen component besides the largest"), log);
    }

    @Test
    void aRunsEmptyListOverridesTheCards() {
        PipelineOptions po = PipelineOptions.defaults().withLargestComponentOnly(List.of());
        assertTrue(po.largestComponentOnly().isEmpty());
        assertEquals(null, PipelineOptions.defaults().largestComponentOnly(), "null: the card's");
        assertEquals(List.of("spleen"), po.withLargestComponentOnly(List.of("spleen")).withCrf(po.crf())
                .withMinComponentMl(Map.of()).largestComponentOnly(), "kept through the other withers");
    }
}
