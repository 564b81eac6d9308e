package org.atrous.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.atrous.crf.CrfParams;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The {@code --crf-*} overrides of the pipeline commands, over a model card's parameters. */
class CrfParamOptionsTest {

    /** A command with just the mixin, as segment has it; keeps the parameters it computed. */
    @Command(name = "t")
    static final class Host implements Callable<Integer> {
        @Mixin CrfParamOptions crf = new CrfParamOptions();
        CrfParams base = new CrfParams(2, 1, 6, 30, 3, 7, false, -1);
        CrfParams result;

        @Override
        public Integer call() {
            crf.validate();
            result = crf.over(base);
            return 0;
        }
    }

    @Test
    void givenOptionsReplaceTheCardsValuesOthersStay() {
        Host h = new Host();
        int rc = new CommandLine(h).execute("--crf-bilateral-hu", "12", "--crf-gaussian-weight", "0.25",
                "--crf-iterations", "2", "--crf-box-margin", "20");
        assertEquals(0, rc);
        assertEquals(new CrfParams(2, 0.25, 6, 12, 3, 2, false, 20), h.result);
    }

    @Test
    void noOptionsKeepTheCard() {
        Host h = new Host();
        assertEquals(0, new CommandLine(h).execute());
        assertEquals(h.base, h.result);
    }

    @Test
    void nonPositiveSdIsAUsageErrorNamingIt() {
        Host h = new Host();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(h);
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("--crf-bilateral-sd", "0"));
        assertEquals(null, h.result);
        assertEquals(true, err.toString().contains("bilateral standard deviation (mm) must be positive"), err.toString());
    }
}
