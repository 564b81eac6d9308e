package org.atrous.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors of {@code atrous batch} exit with 2 before anything is written. */
class BatchCommandTest {

    @Test
    void usageErrorsExitWithTwo(@TempDir Path dir) {
        String in = dir.toString(), out = dir.resolve("out").toString();
        assertEquals(2, AtrousCli.commandLine().execute("batch", "--input", in));
        assertEquals(2, AtrousCli.commandLine().execute("batch", "--input", in, "--output", out, "--crf", "5d"));
        assertEquals(2, AtrousCli.commandLine().execute("batch", "--input", in, "--output", out, "--threads", "0"));
        assertEquals(2, AtrousCli.commandLine().execute("batch", "--input", in, "--output", out, "--min-slices", "0"));
        assertEquals(2, AtrousCli.commandLine().execute("batch", "--input", in, "--output", out, "--model", "no-such-model"));
        assertFalse(Files.exists(dir.resolve("out")));
    }
}
