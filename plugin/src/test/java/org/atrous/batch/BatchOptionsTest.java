package org.atrous.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.EnumSet;

import org.atrous.crf.CrfMode;
import org.atrous.model.ModelCard;
import org.atrous.pipeline.OutputKind;
import org.junit.jupiter.api.Test;

class BatchOptionsTest {

    @Test
    void aBatchRunsTheCardsRegionZoomUnlessItSkipsIt() throws Exception {
        ModelCard card = ModelCard.read(Path.of("../model-zoo/ct-abdomen.json"));
        assertNotNull(card.regionZoom());
        assertEquals(card.regionZoom(), BatchOptions.defaults().regionZoom(card));
        BatchOptions skip = new BatchOptions(CrfMode.OFF, 5, "", 1, EnumSet.of(OutputKind.SEG), 8, true);
        assertNull(skip.regionZoom(card));
    }

    @Test
    void aBatchSegmentsTheModelsModalityUnlessToldOtherwise() throws Exception {
        ModelCard ct = ModelCard.read(Path.of("../model-zoo/ct-abdomen.json"));
        ModelCard mr = ModelCard.read(Path.of("../model-zoo/hippocampus-mr.json"));
        assertEquals("CT", BatchOptions.modalityFor(null, ct));
        assertEquals("CT", BatchOptions.modalityFor(" ", ct));
        assertEquals("MR", BatchOptions.modalityFor("", mr));
        assertEquals("", BatchOptions.modalityFor("any", ct));
        assertEquals("", BatchOptions.modalityFor("ANY", mr));
        assertEquals("PT", BatchOptions.modalityFor("pt", ct));
        assertEquals("", BatchOptions.modalityFor(null, null), "no card: every modality");
        assertThrows(IllegalArgumentException.class, () -> BatchOptions.checkModality("C T?"));
        BatchOptions.checkModality("any");
        BatchOptions.checkModality(null);
        BatchOptions o = new BatchOptions(CrfMode.OFF, 5, BatchOptions.modalityFor(null, ct), 1, EnumSet.of(OutputKind.SEG), 8);
        assertEquals("modality MR, not CT", o.exclusion("MR", 30));
        assertEquals("modality missing, not CT", o.exclusion("", 30));
        assertNull(o.exclusion("ct", 30));
        assertNull(new BatchOptions(CrfMode.OFF, 5, "", 1, EnumSet.of(OutputKind.SEG), 8).exclusion("US", 1));
    }
}
