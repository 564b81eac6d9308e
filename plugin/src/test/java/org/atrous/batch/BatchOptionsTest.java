package org.atrous.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
