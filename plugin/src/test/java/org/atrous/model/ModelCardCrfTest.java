package org.atrous.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.atrous.crf.CrfParams;
import org.atrous.crf.CrfMode;
import org.atrous.pipeline.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model card may carry the CRF parameters its output is best refined with. */
class ModelCardCrfTest {

    @TempDir Path dir;

    @Test
    void cardWithoutCrfUsesTheDefaultsAndWritesNoCrfBlock() throws IOException {
        ModelCard card = ModelStoreTest.card(TinyConfigs.tiny("compact"));
        assertEquals(CrfParams.defaults(), card.crfParams());
        assertFalse(card.toJson().contains("\"crf\""));
    }

    @Test
    void partialCrfBlockOverridesOnlyItsFields() throws IOException {
        ModelCard card = read(withCrf("{ \"bilateralSdIntensity\" : 25, \"iterations\" : 3 }"));
        CrfParams d = CrfParams.defaults();
        CrfParams p = card.crfParams();
        assertEquals(25, p.bilateralSdIntensity());
        assertEquals(3, p.iterations());
        assertEquals(d.gaussianSdMm(), p.gaussianSdMm());
        assertEquals(d.bilateralSdMm(), p.bilateralSdMm());
        assertEquals(d.bilateralWeight(), p.bilateralWeight());
        assertTrue(card.toJson().contains("\"bilateralSdIntensity\" : 25.0"));
        assertEquals(p, ModelCard.read(write(card.toJson())).crfParams(), "written and read back");
    }

    @Test
    void theCardsCrfModeIsTheDefaultOfARunAndAnOptionOverridesIt() throws IOException {
        ModelCard off = read(withCrf("{ \"mode\" : \"off\" }"));
        ModelCard none = ModelStoreTest.card(TinyConfigs.tiny("compact"));
        assertEquals("off", off.crfMode());
        assertEquals(null, none.crfMode());
        assertEquals(CrfMode.OFF, Models.crfMode(null, off));
        assertEquals(CrfMode.OFF, Models.crfMode("model", off));
        assertEquals(CrfMode.VOLUME_3D, Models.crfMode("3d", off));
        assertEquals(CrfMode.VOLUME_3D, Models.crfMode(null, none), "a card naming no mode: 3D");
        assertEquals(CrfParams.defaults(), off.crfParams(), "a mode alone leaves the parameters at their defaults");
        assertEquals("off", ModelCard.read(write(off.toJson())).crfMode(), "written and read back");
        assertFalse(read(withCrf("{ \"iterations\" : 3 }")).toJson().contains("\"mode\""));
        assertThrows(IllegalArgumentException.class, () -> Models.crfOption("4d"));
        IOException e = assertThrows(IOException.class, () -> read(withCrf("{ \"mode\" : \"full\" }")));
        assertTrue(e.getMessage().contains("CRF mode must be off, 2d or 3d"), e.getMessage());
    }

    @Test
    void badCrfValueFailsWhenTheCardIsRead() throws IOException {
        IOException e = assertThrows(IOException.class, () -> read(withCrf("{ \"gaussianSdMm\" : -1 }")));
        assertTrue(e.getMessage().contains("gaussian standard deviation"), e.getMessage());
    }

    @Test
    void smallComponentVolumesAreReadBackAndCheckedAgainstTheClasses() throws IOException {
        ModelCard card = read(withBlock("minComponentMl", "{ \"hippocampus\" : 0.25 }"));
        assertEquals(java.util.Map.of("hippocampus", 0.25), card.minComponentMl());
        assertEquals(card.minComponentMl(), ModelCard.read(write(card.toJson())).minComponentMl(), "written and read back");
        assertEquals(null, ModelStoreTest.card(TinyConfigs.tiny("compact")).minComponentMl());
        assertFalse(ModelStoreTest.card(TinyConfigs.tiny("compact")).toJson().contains("minComponentMl"));
        IOException unknown = assertThrows(IOException.class, () -> read(withBlock("minComponentMl", "{ \"liver\" : 1 }")));
        assertTrue(unknown.getMessage().contains("names no class 'liver'"), unknown.getMessage());
        IOException negative = assertThrows(IOException.class,
                () -> read(withBlock("minComponentMl", "{ \"hippocampus\" : -1 }")));
        assertTrue(negative.getMessage().contains("must be a volume >= 0 mL"), negative.getMessage());
    }

    @Test
    void largestComponentClassesAreReadBackAndMustExist() throws IOException {
        ModelCard card = read(withBlock("largestComponentOnly", "[ \"hippocampus\" ]"));
        assertEquals(java.util.List.of("hippocampus"), card.largestComponentOnly());
        assertEquals(card.largestComponentOnly(), ModelCard.read(write(card.toJson())).largestComponentOnly(),
                "written and read back");
        ModelCard none = ModelStoreTest.card(TinyConfigs.tiny("compact"));
        assertEquals(java.util.List.of(), none.largestComponentOnly());
        assertFalse(none.toJson().contains("largestComponentOnly"), "left out when empty");
        IOException unknown = assertThrows(IOException.class, () -> read(withBlock("largestComponentOnly", "[ \"spleen\" ]")));
        assertTrue(unknown.getMessage().contains("names no class 'spleen'"), unknown.getMessage());
    }

    @Test
    void aRegionZoomIsReadBackAndItsClassesMustExist() throws IOException {
        ModelCard k = ModelStoreTest.card(TinyConfigs.tiny("compact"));
        java.util.List<org.atrous.dicom.SegmentClass> two = java.util.List.of(k.classes().get(0),
                new org.atrous.dicom.SegmentClass(2, "lesion", new int[] {255, 255, 0},
                        org.atrous.dicom.SegmentClass.ANATOMICAL_STRUCTURE, k.classes().get(0).type()));
        RegionZoom zoom = new RegionZoom(1.5, java.util.List.of("hippocampus", "lesion"), 15);
        ModelCard card = new ModelCard(k.id(), k.version(), k.architecture(), two, k.preprocessing(), k.training(),
                k.metrics(), null, null, null, null, null, zoom);
        assertTrue(card.toJson().contains("\"regionZoom\""));
        assertEquals(zoom, ModelCard.read(write(card.toJson())).regionZoom(), "written and read back");
        assertFalse(k.toJson().contains("regionZoom"));
        IOException unknown = assertThrows(IOException.class, () -> read(withBlock("regionZoom",
                "{ \"scale\" : 1.5, \"classes\" : [ \"hippocampus\", \"tumour\" ], \"marginMm\" : 10 }")));
        assertTrue(unknown.getMessage().contains("names no class 'tumour'"), unknown.getMessage());
        IOException scale = assertThrows(IOException.class, () -> read(withBlock("regionZoom",
                "{ \"scale\" : 0.5, \"classes\" : [ \"hippocampus\", \"x\" ], \"marginMm\" : 10 }")));
        assertTrue(scale.getMessage().contains("scale must be above 1"), scale.getMessage());
    }

    private String withBlock(String name, String block) throws IOException {
        String json = ModelStoreTest.card(TinyConfigs.tiny("compact")).toJson();
        return json.replaceFirst("\\{", "{ \"" + name + "\" : " + block + ",");
    }

    private String withCrf(String block) throws IOException {
        String json = ModelStoreTest.card(TinyConfigs.tiny("compact")).toJson();
        return json.replaceFirst("\\{", "{ \"crf\" : " + block + ",");
    }

    private Path write(String json) throws IOException {
        Path p = Files.createTempFile(dir, "card", ".json");
        Files.writeString(p, json);
        return p;
    }

    private ModelCard read(String json) throws IOException {
        return ModelCard.read(write(json));
    }
}
