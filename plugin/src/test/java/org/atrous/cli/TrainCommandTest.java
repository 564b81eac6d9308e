package org.atrous.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.Volume;
import org.atrous.model.train.TrainingCase;
import org.atrous.phantom.PhantomOptions;
import org.atrous.pipeline.TrainingSets;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

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

    @Test
    void phantomNoiseIsOneSdOrARange() {
        assertArrayEquals(new double[] {15, 15}, TrainCommand.noiseRange("15"));
        assertArrayEquals(new double[] {5, 25}, TrainCommand.noiseRange(" 5:25"));
        for (String bad : new String[] {"25:5", "-1", "5:101", "a:b", "1:2:3", ""}) {
            assertThrows(IllegalArgumentException.class, () -> TrainCommand.noiseRange(bad), bad);
        }
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new TrainCommand());
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("--phantoms", "2", "--id", "x", "--out", "unused", "--phantom-noise", "25:5"));
        assertTrue(err.toString().contains("--phantom-noise"), err.toString());
    }

    @Test
    void eachTrainingPhantomDrawsItsNoiseFromItsSeed() {
        PhantomOptions small = new PhantomOptions(0, 128, 4, 0, 5, 5, 0, 15, false);
        List<TrainingCase> a = TrainingSets.phantoms(small, 40, 3, new double[] {5, 25}, ProgressListener.NONE);
        List<TrainingCase> again = TrainingSets.phantoms(small, 41, 1, new double[] {5, 25}, ProgressListener.NONE);
        List<TrainingCase> fixed = TrainingSets.phantoms(small, 40, 2, ProgressListener.NONE);
        assertArrayEquals(a.get(1).image().data(), again.get(0).image().data(), "the draw depends on the seed alone");
        assertArrayEquals(a.get(0).labels().labels(), fixed.get(0).labels().labels(), "the anatomy does not change");
        double[] sd = new double[3];
        for (int i = 0; i < 3; i++) sd[i] = noiseInAir(a.get(i).image());
        assertTrue(sd[0] >= 4 && sd[0] <= 26 && sd[1] >= 4 && sd[1] <= 26 && sd[2] >= 4 && sd[2] <= 26,
                Arrays.toString(sd));
        assertNotEquals(sd[0], sd[1], 0.5);
        assertEquals(15, noiseInAir(fixed.get(0).image()), 1.5, "the plain call keeps the template's 15 HU");
    }

    /** Noise SD measured in the air of the first slice's top rows, outside the body. */
    private static double noiseInAir(Volume v) {
        int nx = v.geometry().nx();
        double sum = 0, sq = 0;
        int n = 0;
        for (int i = 0; i < nx * 6; i++) {
            double x = v.data()[i];
            sum += x;
            sq += x * x;
            n++;
        }
        double m = sum / n;
        return Math.sqrt(sq / n - m * m);
    }
}
