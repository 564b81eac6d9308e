package org.atrous.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.Volume;
import org.atrous.model.train.TrainingCase;
import org.atrous.pipeline.TrainingSets;
import org.junit.jupiter.api.Test;

class TrainCommandTest {

    @Test
    void validationSubsetIsSpreadEvenlyOverTheHeldOutCases() {
        List<TrainingCase> cases = new ArrayList<>();
        Geometry g = Geometry.axial(2, 2, 1, 1, 1, 1);
        for (int i = 0; i < 42; i++) {
            cases.add(new TrainingCase("c" + i, Volume.of(new float[4], g, "MR"),
                    new LabelVolume(new byte[4], g, TrainingSets.classesNamed(List.of("a")))));
        }
        List<String> ids = TrainCommand.evenlySpaced(cases, 8).stream().map(TrainingCase::id).toList();
        assertEquals(List.of("c0", "c5", "c10", "c15", "c21", "c26", "c31", "c36"), ids);
        assertSame(cases, TrainCommand.evenlySpaced(cases, 0));
        assertSame(cases, TrainCommand.evenlySpaced(cases, 42));
    }
}
