package org.atrous.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Bad per-run options are usage errors (exit 2) naming the option, as the CRF options are. */
class RunOptionErrorsTest {

    @Command(name = "t")
    static final class Host implements Callable<Integer> {
        @Mixin MirrorOption mirror = new MirrorOption();
        boolean ran;

        @Override
        public Integer call() {
            mirror.validate();
            ran = true;
            return 0;
        }
    }

    private static int run(Object command, StringWriter err, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void aBadMirrorAxisIsAUsageError() {
        Host h = new Host();
        StringWriter err = new StringWriter();
        assertEquals(2, run(h, err, "--mirror", "x,z"));
        assertTrue(err.toString().contains("--mirror") && err.toString().contains("\"z\""), err.toString());
        assertEquals(false, h.ran);
        assertEquals(0, run(new Host(), new StringWriter(), "--mirror", "x,y"));
    }

    @Test
    void anUnknownClassInLesionsOrMinComponentIsAUsageErrorBeforeAnyCaseIsRead() {
        String card = "../model-zoo/ct-abdomen.json";
        StringWriter err = new StringWriter();
        assertEquals(2, run(new EvaluateCommand(), err, "--model", card, "--phantoms", "1", "--lesions", "liver tumor"));
        assertTrue(err.toString().contains("no class 'liver tumor'"), err.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(2, run(new EvaluateCommand(), err2, "--model", card, "--phantoms", "1", "--min-component", "kidney=1"));
        assertTrue(err2.toString().contains("kidney"), err2.toString());
        StringWriter err3 = new StringWriter();
        assertEquals(2, run(new EvaluateCommand(), err3, "--model", card, "--phantoms", "1", "--largest-only", "liver,kidney"));
        assertTrue(err3.toString().contains("--largest-only") && err3.toString().contains("'kidney'"), err3.toString());
    }

    @Test
    void aTiltOutsideZeroToFortyFiveOrWithoutPhantomsIsAUsageError() {
        String card = "../model-zoo/ct-abdomen.json";
        StringWriter err = new StringWriter();
        assertEquals(2, run(new EvaluateCommand(), err, "--model", card, "--phantoms", "1", "--phantom-tilt", "50"));
        assertTrue(err.toString().contains("--phantom-tilt: 0..45"), err.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(2, run(new EvaluateCommand(), err2, "--model", card, "--images", "/nonexistent", "--labels",
                "/nonexistent", "--phantom-tilt", "10"));
        assertTrue(err2.toString().contains("--phantom-tilt needs --phantoms"), err2.toString());
    }

    @Test
    void aBadRegionZoomIsAUsageErrorNamingWhatIsWrong() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(new EvaluateCommand(), err, "--model", "../model-zoo/ct-abdomen.json", "--phantoms", "1",
                "--region-zoom-classes", "liver,liver tumor"));
        assertTrue(err.toString().contains("--region-zoom") && err.toString().contains("'liver tumor'"), err.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(2, run(new EvaluateCommand(), err2, "--model", "../model-zoo/hippocampus-mr-x.json", "--phantoms",
                "1", "--region-zoom", "1.5"));
        assertTrue(err2.toString().contains("no region zoom"), err2.toString());
        StringWriter err9 = new StringWriter();
        assertEquals(2, run(new EvaluateCommand(), err9, "--model", "../model-zoo/ct-abdomen.json", "--phantoms", "1",
                "--region-zoom", "0", "--region-zoom-model", "ct-abdomen"));
        assertTrue(err9.toString().contains("--region-zoom-model needs a region zoom"), err9.toString());
        StringWriter err10 = new StringWriter();
        assertEquals(2, run(new EvaluateCommand(), err10, "--model", "../model-zoo/ct-abdomen.json", "--phantoms", "1",
                "--region-zoom-model", "../model-zoo/hippocampus-mr-x.json"));
        assertTrue(err10.toString().contains("--region-zoom-model: the region zoom's model must have the same classes"),
                err10.toString());
    }

    @Test
    void aBadSliceAxisIsAUsageErrorBeforeTraining() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(new TrainCommand(), err, "--phantoms", "1", "--id", "t", "--slice-axis", "sagittal"));
        assertTrue(err.toString().contains("--slice-axis") && err.toString().contains("sagittal"), err.toString());
    }

    @Test
    void aBadScheduleOrElasticSettingIsAUsageErrorBeforeTraining() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(new TrainCommand(), err, "--phantoms", "1", "--id", "t", "--windows", "40:400",
                "--schedule", "step"), err.toString());
        assertTrue(err.toString().contains("--schedule") && err.toString().contains("poly or cosine"), err.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(2, run(new TrainCommand(), err2, "--phantoms", "1", "--id", "t", "--windows", "40:400",
                "--elastic", "-3"));
        assertTrue(err2.toString().contains("--elastic") && err2.toString().contains("-3"), err2.toString());
    }

    @Test
    void missingOrBadNormalisationIsAUsageError() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(new TrainCommand(), err, "--phantoms", "1", "--id", "t"));
        assertTrue(err.toString().contains("HU windows or z-score"), err.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(2, run(new TrainCommand(), err2, "--phantoms", "1", "--id", "t", "--windows", "40/400"));
        assertTrue(err2.toString().contains("--windows") && err2.toString().contains("40/400"), err2.toString());
    }
}
