package org.atrous.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.Volume;
import org.junit.jupiter.api.Test;

class TrainingModalityTest {

    private static TrainingCase of(String modality) {
        Geometry g = Geometry.axial(2, 2, 1, 1, 1, 1);
        return new TrainingCase(modality, Volume.of(new float[4], g, modality),
                new LabelVolume(new byte[4], g, List.of()));
    }

    @Test
    void theCasesSharedModalityUnlessAskedOrMixed() {
        assertEquals("CT", TrainingModality.choose(List.of(of("CT"), of("CT")), null, "MR"));
        assertEquals("PT", TrainingModality.choose(List.of(of("CT")), "pt", null), "asked for");
        assertNull(TrainingModality.choose(List.of(of("CT"), of("MR")), null, "CT"), "mixed: any");
        assertEquals("MR", TrainingModality.choose(List.of(of(""), of("")), null, "MR"), "NIfTI: the starting model's");
        assertNull(TrainingModality.choose(List.of(of(""), of("")), null, null));
        assertNull(TrainingModality.choose(List.of(of("CT"), of("")), null, null), "some named, some not");
    }
}
