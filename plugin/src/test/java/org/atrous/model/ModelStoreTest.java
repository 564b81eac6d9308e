package org.atrous.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.atrous.dicom.CodedConcept;
import org.atrous.dicom.SegmentClass;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelStoreTest {

    @TempDir
    Path dir;

    static ModelCard card(DeepLabConfig c) {
        SegmentClass hippo = new SegmentClass(1, "hippocampus", new int[] {255, 200, 0},
                SegmentClass.ANATOMICAL_STRUCTURE, CodedConcept.sct("5976003", "Hippocampus"));
        return new ModelCard("tiny-test", "0.1.0", c, List.of(hippo),
                new ModelCard.Preprocessing("z-score", List.of(), new double[] {1.0, 1.0}, c.inputSize(), 0, null),
                new ModelCard.TrainingData("random weights, untrained", "none", "CC0-1.0"),
                Map.of("dice.hippocampus", 0.0), null, null);
    }

    @Test
    void savedModelLoadsWithIdenticalOutputsAndCard() throws Exception {
        DeepLabConfig c = TinyConfigs.tiny("compact");
        ComputationGraph graph = new DeepLabBuilder(c).build();
        Path cardFile = ModelStore.save(graph, card(c), dir);
        INDArray x = Nd4j.rand(new int[] {1, c.inputChannels(), 21, 26});
        ModelStore.LoadedModel loaded = ModelStore.load(cardFile);
        assertEquals(graph.outputSingle(x), loaded.graph().outputSingle(x));
        assertEquals(c, loaded.card().architecture());
        assertEquals("5976003", loaded.card().classes().get(0).type().value());
        assertEquals(ModelStore.sha256(dir.resolve("tiny-test.zip")), loaded.card().weightsSha256());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".part")), "temporary files left behind");
        }
    }

    @Test
    void aRefinedModelRoundTripsAndOldCardsReadAsUnrefined() throws Exception {
        DeepLabConfig c = TinyConfigs.tiny(TinyConfigs.COMPACT_REFINED);
        ComputationGraph graph = new DeepLabBuilder(c).build();
        ModelStore.LoadedModel loaded = ModelStore.load(ModelStore.save(graph, card(c), dir));
        assertEquals(6, loaded.card().architecture().refineChannels());
        INDArray x = Nd4j.rand(new int[] {1, c.inputChannels(), 21, 26});
        assertEquals(graph.outputSingle(x), loaded.graph().outputSingle(x));
        // cards without a refinement do not name it, so cards written before it existed read alike
        String plain = card(TinyConfigs.tiny("compact")).toJson();
        assertTrue(!plain.contains("refineChannels"), plain);
        assertEquals(0, ModelCard.JSON.readValue(plain, ModelCard.class).architecture().refineChannels());
    }

    @Test
    void aCardMayNameTheSliceSpacingAndCardsWithoutItReadAsBefore() throws Exception {
        ModelCard.Preprocessing p = card(TinyConfigs.tiny("compact")).preprocessing();
        String old = ModelCard.JSON.writeValueAsString(p);
        assertTrue(!old.contains("sliceSpacingMm"), old);
        assertEquals(null, ModelCard.JSON.readValue(old, ModelCard.Preprocessing.class).sliceSpacingMm());
        ModelCard.Preprocessing with = new ModelCard.Preprocessing(p.normalisation(), p.huWindows(), p.targetSpacingMm(),
                p.inputSize(), 2, List.of(), null, 5.0);
        String json = ModelCard.JSON.writeValueAsString(with);
        assertEquals(5.0, ModelCard.JSON.readValue(json, ModelCard.Preprocessing.class).sliceSpacingMm());
        assertThrows(Exception.class, () -> ModelCard.JSON.readValue(json.replace("5.0", "-1.0"),
                ModelCard.Preprocessing.class));
        ModelCard.Preprocessing turned = new ModelCard.Preprocessing(p.normalisation(), p.huWindows(), p.targetSpacingMm(),
                p.inputSize(), 2, List.of(), null, null, "LPS");
        String turnedJson = ModelCard.JSON.writeValueAsString(turned);
        assertEquals("LPS", ModelCard.JSON.readValue(turnedJson, ModelCard.Preprocessing.class).orientation());
        assertTrue(!old.contains("orientation"), old);
        assertThrows(Exception.class, () -> ModelCard.JSON.readValue(turnedJson.replace("LPS", "LPP"),
                ModelCard.Preprocessing.class));
    }

    static ModelCard renamed(ModelCard k, String id, List<String> ensemble) {
        return new ModelCard(id, k.version(), k.architecture(), k.classes(), k.preprocessing(), k.training(),
                k.metrics(), null, null, null, null, ensemble, null);
    }

    @Test
    void anEnsembleCardLoadsItsMembersFromItsOwnFolder() throws Exception {
        DeepLabConfig c = TinyConfigs.tiny("compact");
        ModelStore.save(new DeepLabBuilder(c).seed(2).build(), renamed(card(c), "tiny-x", List.of()), dir);
        Path lead = ModelStore.save(new DeepLabBuilder(c).build(), renamed(card(c), "tiny-test", List.of("tiny-x")), dir);
        ModelStore.LoadedModel m = ModelStore.load(lead);
        assertEquals(List.of("tiny-x"), m.members().stream().map(x -> x.card().id()).toList());
        assertTrue(m.reslices());
        assertEquals(1, m.withClonedGraphs().members().size());
        Files.delete(dir.resolve("tiny-x.json"));
        var e = assertThrows(java.io.IOException.class, () -> ModelStore.load(lead));
        assertTrue(e.getMessage().contains("ensemble member 'tiny-x'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> renamed(card(c), "a", List.of("a")));
        assertThrows(IllegalArgumentException.class, () -> renamed(card(c), "a", List.of("../b")));
    }

    static ModelCard zooming(ModelCard k, String id, String zoomModel) {
        List<SegmentClass> two = List.of(k.classes().get(0), new SegmentClass(2, "lesion", new int[] {255, 255, 0},
                SegmentClass.ANATOMICAL_STRUCTURE, CodedConcept.sct("108369006", "Neoplasm")));
        RegionZoom zoom = zoomModel == null ? null : new RegionZoom(1.5, List.of("hippocampus", "lesion"), 5, zoomModel);
        return new ModelCard(id, k.version(), k.architecture(), two, k.preprocessing(), k.training(), k.metrics(), null,
                null, null, null, null, zoom);
    }

    @Test
    void aRegionZoomsModelLoadsFromTheCardsFolderAndMustHaveItsClasses() throws Exception {
        DeepLabConfig c = TinyConfigs.tiny("compact");
        ModelStore.save(new DeepLabBuilder(c).seed(3).build(), zooming(card(c), "tiny-zoom", null), dir);
        Path lead = ModelStore.save(new DeepLabBuilder(c).build(), zooming(card(c), "tiny-test", "tiny-zoom"), dir);
        assertTrue(Files.readString(lead).contains("\"model\" : \"tiny-zoom\""), Files.readString(lead));
        ModelStore.LoadedModel m = ModelStore.load(lead);
        assertEquals("tiny-zoom", m.zoomModel().card().id());
        assertEquals("tiny-zoom", m.withClonedGraphs().zoomModel().card().id());
        assertEquals(null, ModelStore.load(dir.resolve("tiny-zoom.json")).zoomModel());
        ModelStore.save(new DeepLabBuilder(c).seed(3).build(), renamed(card(c), "tiny-zoom", List.of()), dir);
        var classes = assertThrows(java.io.IOException.class, () -> ModelStore.load(lead));
        assertTrue(classes.getMessage().contains("must have the same classes"), classes.getMessage());
        Files.delete(dir.resolve("tiny-zoom.json"));
        var missing = assertThrows(java.io.IOException.class, () -> ModelStore.load(lead));
        assertTrue(missing.getMessage().contains("region zoom model 'tiny-zoom'"), missing.getMessage());
    }

    @Test
    void refusesWeightsWhoseChecksumDiffers() throws Exception {
        DeepLabConfig c = TinyConfigs.tiny("compact");
        Path cardFile = ModelStore.save(new DeepLabBuilder(c).build(), card(c), dir);
        // Another model's weights under the same name: the card's checksum no longer holds.
        ModelStore.save(new DeepLabBuilder(c).seed(99).build(), card(c), dir.resolve("other"));
        Files.copy(dir.resolve("other/tiny-test.zip"), dir.resolve("tiny-test.zip"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        var e = assertThrows(ModelStore.ChecksumMismatchException.class, () -> ModelStore.load(cardFile));
        assertTrue(e.getMessage().contains("do not match its card"), e.getMessage());
    }

    @Test
    void zooListsCardsFromEveryFolderAndReportsBrokenOnes() throws Exception {
        DeepLabConfig c = TinyConfigs.tiny("compact");
        Path shipped = dir.resolve("zoo");
        Path user = dir.resolve("user");
        Files.createDirectories(shipped);
        Files.writeString(shipped.resolve("a.json"), card(c).toJson());
        Files.createDirectories(user);
        Files.writeString(user.resolve("b.json"), new ModelCard("b-model", "1", c, List.of(), null, null, null,
                null, null).toJson());
        Files.writeString(user.resolve("broken.json"), "{ not json");
        ModelZoo zoo = new ModelZoo(List.of(shipped, user, dir.resolve("missing")));
        assertEquals(List.of("b-model", "tiny-test"), zoo.list().stream().map(en -> en.card().id()).toList());
        assertEquals(1, zoo.problems().size());
        assertTrue(zoo.find("b-model").isPresent());
    }

    @Test
    void ensembleMembersAndZoomModelsBesideTheirCardAreListedAsItsParts() throws Exception {
        DeepLabConfig c = TinyConfigs.tiny("compact");
        Path zoo = Files.createDirectories(dir.resolve("zoo"));
        Path user = Files.createDirectories(dir.resolve("user"));
        ModelCard k = card(c);
        List<SegmentClass> two = List.of(k.classes().get(0), new SegmentClass(2, "amygdala", new int[] {0, 200, 255},
                SegmentClass.ANATOMICAL_STRUCTURE, CodedConcept.sct("4958002", "Amygdala")));
        Files.writeString(zoo.resolve("whole.json"), new ModelCard("whole", "1", c, two, k.preprocessing(), null,
                null, null, null, null, null, List.of("member"), new RegionZoom(1.5, List.of("hippocampus", "amygdala"), 15,
                "zoomer"), null).toJson());
        Files.writeString(zoo.resolve("member.json"), named(c, "member").toJson());
        Files.writeString(user.resolve("zoomer.json"), named(c, "zoomer").toJson()); // not beside: its own model
        Files.writeString(user.resolve("alone.json"), named(c, "alone").toJson());
        List<ModelZoo.Entry> entries = new ModelZoo(List.of(zoo, user)).list();
        assertEquals(Map.of("member", "whole"), ModelZoo.partOf(entries));
        assertEquals(List.of("alone", "whole", "zoomer", "member"), ModelZoo.idsWholeFirst(entries));
    }

    private static ModelCard named(DeepLabConfig c, String id) {
        return new ModelCard(id, "1", c, List.of(), null, null, null, null, null);
    }
}
