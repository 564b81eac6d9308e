package org.atrous.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.atrous.model.ModelCard;
import org.atrous.model.ModelStore;
import org.atrous.model.ModelZoo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelZooCommandTest {

    private static final Path ZOO = RealImageJ.REPO.resolve("model-zoo");

    @TempDir Path tmp;

    @Test
    void cardDetailsNameClassesColoursAndLicence() {
        ModelZoo.Entry e = new ModelZoo(List.of(ZOO)).find("ct-abdomen").orElseThrow();
        String text = ModelZooCommand.describe(e);
        assertTrue(text.contains("class 1: liver (RGB 221,130,101)"), text);
        assertTrue(text.contains("licence: synthetic data"), text);
        assertTrue(text.contains("validation dice liver"), text);
        assertTrue(text.contains("neighbour slices 2 at 5.00 mm (thinner series read in slabs of it), orientation LPS (series turned to it)"),
                text);
    }

    @Test
    void importCopiesAVerifiedModel() throws Exception {
        Path card = ModelZooCommand.importModel(ZOO.resolve("ct-abdomen.json"), tmp.resolve("user"));
        assertEquals(tmp.resolve("user/ct-abdomen.json"), card);
        assertEquals(ModelStore.sha256(ZOO.resolve("ct-abdomen.zip")), ModelStore.sha256(tmp.resolve("user/ct-abdomen.zip")));
        assertEquals("ct-abdomen", new ModelZoo(List.of(tmp.resolve("user"))).list().get(0).card().id());
    }

    @Test
    void importOfAnEnsembleCopiesItsMembersAndTheCopyLoads() throws Exception {
        Path card = ModelZooCommand.importModel(ZOO.resolve("hippocampus-mr.json"), tmp.resolve("user"));
        ModelStore.LoadedModel copy = ModelStore.load(card);
        assertEquals(List.of("hippocampus-mr-x", "hippocampus-mr-y"),
                copy.members().stream().map(m -> m.card().id()).toList());
        String text = ModelZooCommand.describe(new ModelZoo(List.of(tmp.resolve("user"))).find("hippocampus-mr").orElseThrow());
        assertTrue(text.contains("ensemble with: hippocampus-mr-x, hippocampus-mr-y"), text);
    }

    @Test
    void importOfACascadeCopiesItsZoomModelAndTheCopyLoads() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.copy(ZOO.resolve("ct-abdomen.zip"), src.resolve("ct-abdomen.zip"));
        ModelCard k = ModelCard.read(ZOO.resolve("ct-abdomen.json"));
        ModelCard zoom = new ModelCard("ct-abdomen-zoom", k.version(), k.architecture(), k.classes(), k.preprocessing(),
                k.training(), k.metrics(), k.weightsFile(), k.weightsSha256());
        Files.writeString(src.resolve("ct-abdomen-zoom.json"), zoom.toJson());
        ModelCard lead = new ModelCard(k.id(), k.version(), k.architecture(), k.classes(), k.preprocessing(), k.training(),
                k.metrics(), k.weightsFile(), k.weightsSha256(), k.crf(), k.minComponentMl(), k.ensemble(),
                k.regionZoom().withModel("ct-abdomen-zoom"), List.of("spleen"));
        Files.writeString(src.resolve("ct-abdomen.json"), lead.toJson());
        Path card = ModelZooCommand.importModel(src.resolve("ct-abdomen.json"), tmp.resolve("user"));
        assertEquals("ct-abdomen-zoom", ModelStore.load(card).zoomModel().card().id());
        String text = ModelZooCommand.describe(new ModelZoo(List.of(tmp.resolve("user"))).find("ct-abdomen").orElseThrow());
        assertTrue(text.contains("region zoom: 1.5x on liver, liver tumour by ct-abdomen-zoom"), text);
        assertTrue(text.contains("largest component only: spleen"), text);
    }

    @Test
    void importRefusesWeightsThatDoNotMatchTheCard() throws Exception {
        Path bad = Files.createDirectories(tmp.resolve("bad"));
        Files.copy(ZOO.resolve("ct-abdomen.json"), bad.resolve("ct-abdomen.json"));
        byte[] w = Files.readAllBytes(ZOO.resolve("ct-abdomen.zip"));
        w[w.length / 2] ^= 1;
        Files.write(bad.resolve("ct-abdomen.zip"), w);
        assertThrows(ModelStore.ChecksumMismatchException.class,
                () -> ModelZooCommand.importModel(bad.resolve("ct-abdomen.json"), tmp.resolve("user")));
        assertFalse(Files.exists(tmp.resolve("user/ct-abdomen.zip")), "nothing copied");
    }
}
