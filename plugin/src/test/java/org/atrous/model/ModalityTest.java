package org.atrous.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class ModalityTest {

    @Test
    void codesAreReadAsDicomWritesThemAndNonsenseIsRefused() {
        assertEquals("CT", Modality.parse(" ct "));
        assertNull(Modality.parse(""));
        assertNull(Modality.parse(null));
        assertThrows(IllegalArgumentException.class, () -> Modality.parse("C/T"));
        assertThrows(IllegalArgumentException.class, () -> Modality.parse("A_MODALITY_TOO_LONG"));
    }

    @Test
    void onlyANamedModalityOtherThanTheModelsIsAMismatch() {
        assertEquals("the series is MR and m 1 was trained on CT; expect meaningless labels",
                Modality.mismatch("CT", "MR", "m 1"));
        assertNull(Modality.mismatch("CT", "ct", "m 1"));
        assertNull(Modality.mismatch("CT", "", "m 1"), "NIfTI names no modality");
        assertNull(Modality.mismatch(null, "US", "m 1"), "a model of any modality");
    }

    @Test
    void cardsNameTheirModalityAndHuWindowsImplyCt() throws Exception {
        assertEquals("CT", ModelCard.read(Path.of("../model-zoo/ct-abdomen.json")).preprocessing().modality());
        assertEquals("MR", ModelCard.read(Path.of("../model-zoo/hippocampus-mr.json")).preprocessing().modality());
        ModelCard.Preprocessing hu = new ModelCard.Preprocessing("hu-windows",
                List.of(new ModelCard.HuWindow("W400/L40", 40, 400)), null, 64, 0, null);
        String old = ModelCard.JSON.writeValueAsString(hu);
        assertTrue(!old.contains("modality"), old);
        assertNull(ModelCard.JSON.readValue(old, ModelCard.Preprocessing.class).modality());
        assertEquals("CT", hu.impliedModality(), "Hounsfield units are a CT scale");
        ModelCard.Preprocessing z = new ModelCard.Preprocessing("z-score", List.of(), null, 64, 0, null);
        assertNull(z.impliedModality(), "a z-scored model of unnamed modality reads any");
        ModelCard.Preprocessing mr = new ModelCard.Preprocessing("z-score", List.of(), null, 64, 0, List.of(), null, null,
                null, "mr");
        String json = ModelCard.JSON.writeValueAsString(mr);
        assertEquals("MR", ModelCard.JSON.readValue(json, ModelCard.Preprocessing.class).impliedModality());
        assertThrows(Exception.class, () -> ModelCard.JSON.readValue(json.replace("\"MR\"", "\"M/R\""),
                ModelCard.Preprocessing.class));
    }
}
