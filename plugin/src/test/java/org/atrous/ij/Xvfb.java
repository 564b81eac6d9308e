package org.atrous.ij;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A private X server for tests that need ImageJ's menus (ImageJ 1.x builds AWT menus even in
 * {@code -batch} mode, which a headless JVM refuses) or its windows. Started on a free
 * display number, stopped when closed.
 */
final class Xvfb implements AutoCloseable {

    private final Process process;
    private final String display;

    private Xvfb(Process process, String display) {
        this.process = process;
        this.display = display;
    }

    /** The Xvfb executable on the PATH, or null when it is not installed. */
    static String executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File f = new File(dir, "Xvfb");
            if (f.canExecute()) return f.getPath();
        }
        return null;
    }

    static Xvfb start() throws IOException, InterruptedException {
        String exe = executable();
        if (exe == null) throw new IOException("Xvfb not found");
        for (int n = 90 + (int) (ProcessHandle.current().pid() % 50); n < 400; n++) {
            if (Files.exists(Path.of("/tmp/.X11-unix/X" + n)) || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) continue;
            Process p = new ProcessBuilder(exe, ":" + n, "-screen", "0", "1280x1024x24", "-nolisten", "tcp")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            for (int i = 0; i < 100 && p.isAlive(); i++) {
                if (Files.exists(Path.of("/tmp/.X11-unix/X" + n))) return new Xvfb(p, ":" + n);
                Thread.sleep(100);
            }
            p.destroyForcibly();
        }
        throw new IOException("no free X display for Xvfb");
    }

    String display() { return display; }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
