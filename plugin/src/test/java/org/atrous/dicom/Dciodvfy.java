package org.atrous.dicom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs dicom3tools' {@code dciodvfy} (Debian package dicom3tools, installed by
 * {@code build/install-tools.sh}, which the test command runs) and returns its error lines.
 */
public final class Dciodvfy {

    private Dciodvfy() { }

    /** Lines that start with "Error", i.e. violations of the IOD; warnings are left out. */
    public static List<String> errors(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("dciodvfy", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("dciodvfy did not finish on " + file);
        }
        return out.lines().filter(l -> l.startsWith("Error")).toList();
    }

    /** The whole report, for failure messages. */
    public static String report(Path file) throws IOException {
        Process p = new ProcessBuilder("dciodvfy", file.toString()).redirectErrorStream(true).start();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
