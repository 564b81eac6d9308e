package org.atrous.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.atrous.model.RegionZoom;

import org.junit.jupiter.api.Test;

class ModelsTest {

    @Test
    void theAlgorithmDescriptionNamesTheComponentsRemoved() {
        assertEquals("", Models.componentsRemoved(null));
        assertEquals("", Models.componentsRemoved(Map.of("liver tumour", 0.0)));
        assertEquals(", liver tumour components < 0.5 mL removed, spleen components < 2 mL removed",
                Models.componentsRemoved(Map.of("spleen", 2.0, "liver tumour", 0.5)));
    }

    @Test
    void theAlgorithmDescriptionNamesTheRegionZoom() {
        assertEquals("", Models.regionZoomed(null));
        assertEquals(", region zoom 1.5x",
                Models.regionZoomed(new RegionZoom(1.5, List.of("liver", "liver tumour"), 15)));
    }

    @Test
    void theAlgorithmDescriptionNamesTheClassesKeptToTheirLargestComponent() {
        assertEquals("", Models.largestKept(List.of()));
        assertEquals(", largest component only: liver, spleen", Models.largestKept(List.of("liver", "spleen")));
    }
}
