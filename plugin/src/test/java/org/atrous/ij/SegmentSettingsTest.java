package org.atrous.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import ij.gui.Roi;
import org.atrous.crf.CrfParams;
import org.atrous.dicom.SegmentClass;
import org.atrous.crf.CrfMode;
import org.atrous.pipeline.TrainingSets;
import org.junit.jupiter.api.Test;

class SegmentSettingsTest {

    private static final List<SegmentClass> CLASSES = TrainingSets.classesNamed(List.of("liver", "liver tumour", "spleen"));

    private static SegmentSettings settings(CrfMode crf, double strength, String classes) {
        return new SegmentSettings(null, "m", crf, strength, classes, "outlined", false, false, true, "");
    }

    @Test
    void theCardsRegionZoomRunsUnlessSkipped() throws Exception {
        org.atrous.model.ModelCard card = org.atrous.model.ModelCard.read(java.nio.file.Path.of("../model-zoo/ct-abdomen.json"));
        assertTrue(card.regionZoom() != null, "the shipped CT card has a region zoom");
        assertEquals(card.regionZoom(), settings(CrfMode.OFF, 1, "all").regionZoom(card));
        SegmentSettings skip = new SegmentSettings(null, "m", CrfMode.OFF, 1, "all", "outlined", false, false, true, "", true, false, false, false);
        assertEquals(null, skip.regionZoom(card));
    }

    @Test
    void theDialogsSegDescriptionNamesTheCardsPostProcessing() throws Exception {
        org.atrous.model.ModelStore.LoadedModel m = org.atrous.model.ModelStore.load(
                java.nio.file.Path.of("../model-zoo/ct-abdomen.json"));
        String d = SegmentSeries.algorithm(m, settings(CrfMode.VOLUME_3D, 1, "all"), CrfMode.VOLUME_3D).description();
        assertTrue(d.contains(", region zoom 1.5x") && d.contains(", liver tumour components < 1 mL removed")
                && d.endsWith(", largest component only: liver, spleen, aorta"), d);
    }

    @Test
    void keepingEveryComponentLeavesOutTheCardsRemovalsAndSaysSo() throws Exception {
        org.atrous.model.ModelStore.LoadedModel m = org.atrous.model.ModelStore.load(
                java.nio.file.Path.of("../model-zoo/ct-abdomen.json"));
        SegmentSettings keep = new SegmentSettings(null, "m", CrfMode.OFF, 1, "all", "outlined", false, false, true, "",
                false, true, false, false);
        assertEquals(java.util.Map.of(), keep.minComponentMl(m.card()));
        assertEquals(List.of(), keep.largestComponentOnly(m.card()));
        assertEquals(m.card().largestComponentOnly(), settings(CrfMode.OFF, 1, "all").largestComponentOnly(m.card()));
        String d = SegmentSeries.algorithm(m, keep, CrfMode.OFF).description();
        assertTrue(d.contains(", region zoom 1.5x") && !d.contains("removed") && !d.contains("largest"), d);
    }

    @Test
    void classesByNameInModelOrder() {
        assertEquals(CLASSES, settings(CrfMode.OFF, 1, "all").shown(CLASSES));
        assertEquals(List.of(CLASSES.get(0), CLASSES.get(2)), settings(CrfMode.OFF, 1, "Spleen, liver").shown(CLASSES));
        assertEquals(List.of(CLASSES.get(1)), settings(CrfMode.OFF, 1, "liver tumour").shown(CLASSES));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(CrfMode.OFF, 1, "kidney").shown(CLASSES));
        assertTrue(e.getMessage().contains("kidney"), e.getMessage());
    }

    @Test
    void strengthScalesBothKernelWeights() {
        CrfParams d = CrfParams.defaults();
        CrfParams p = settings(CrfMode.SLICES_2D, 2, "all").crfParams(d, CrfMode.SLICES_2D);
        assertEquals(2 * d.gaussianWeight(), p.gaussianWeight(), 1e-12);
        assertEquals(2 * d.bilateralWeight(), p.bilateralWeight(), 1e-12);
        assertEquals(d.bilateralSdIntensity(), p.bilateralSdIntensity(), 1e-12);
        assertTrue(p.perSlice());
        assertThrows(IllegalArgumentException.class, () -> settings(CrfMode.OFF, -1, "all"));
        assertThrows(IllegalArgumentException.class,
                () -> new SegmentSettings(null, "m", CrfMode.OFF, 1, "all", "dotted", false, false, true, ""));
    }

    @Test
    void theModelCardsCrfParametersAreScaledNotTheCtDefaults() {
        CrfParams card = new CrfParams(2, 0.5, 4, 30, 1, 7, false, 20);
        CrfParams p = settings(null, 2, "all").crfParams(card, CrfMode.VOLUME_3D);
        assertEquals(new CrfParams(2, 1.0, 4, 30, 2, 7, false, 20), p);
    }

    @Test
    void trainingClassNamesComeFromRoiNames() {
        Roi a = new Roi(0, 0, 2, 2), b = new Roi(0, 0, 2, 2), c = new Roi(0, 0, 2, 2);
        a.setName("liver tumour #3 z12");
        b.setName("spleen");
        c.setName("liver tumour #4 z13");
        assertEquals(List.of("liver tumour", "spleen"), TrainModel.namesOf(List.of(a, b, c)));
    }
}
