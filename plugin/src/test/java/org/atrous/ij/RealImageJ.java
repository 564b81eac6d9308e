package org.atrous.ij;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs a real ImageJ 1.54p (the ij jar from Maven Central) in its own JVM, with our plugin as
 * a jar in its plugins folder: ImageJ finds plugins.config in the jar and installs the menu
 * commands itself, so macros reach them through {@code run("Segment Series...", ...)} exactly
 * as in Fiji. The dependencies (DL4J, PixelMed ...) are on the class path, as Fiji's jars/ are.
 */
final class RealImageJ {

    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path REPO = MODULE.getParent();

    private final Path home;
    private final String display;

    /** An ImageJ folder under {@code home} (plugins/Atrous_.jar, a private user.home). */
    RealImageJ(Path home, String display) throws IOException {
        this.home = home;
        this.display = display;
        Files.createDirectories(home.resolve("plugins"));
        jar(MODULE.resolve("target/classes"), home.resolve("plugins/Atrous_.jar"));
    }

    /** Packs compiled classes and resources (plugins.config at the root) as the plugin jar. */
    static void jar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    /** {@code ImageJ -batch macro arg}; returns its exit code and output. */
    Result batch(Path macro, String arg, long timeoutSeconds) throws IOException, InterruptedException {
        return java(List.of("ij.ImageJ", "-batch", macro.toString(), arg), false, timeoutSeconds);
    }

    /**
     * Runs {@code macros/NAME} with {@code -batch} in a fresh ImageJ folder under {@code home},
     * on an Xvfb display; skips the test where Xvfb is not installed.
     */
    static Result macro(Path home, String name, String arg, long timeoutSeconds) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Xvfb.executable() != null,
                "Xvfb not installed (build/install-test-tools.sh installs it): ImageJ 1.x needs a display for its menus");
        try (Xvfb x = Xvfb.start()) {
            return new RealImageJ(home, x.display()).batch(REPO.resolve("macros").resolve(name), arg, timeoutSeconds);
        }
    }

    /** A main class from the test classes, with ImageJ and the plugin set up the same way. */
    Result main(String mainClass, List<String> args, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(mainClass));
        cmd.addAll(args);
        return java(cmd, true, timeoutSeconds);
    }

    private Result java(List<String> mainAndArgs, boolean withTestClasses, long timeoutSeconds)
            throws IOException, InterruptedException {
        String cp = Files.readString(MODULE.resolve("target/classpath.txt")).trim();
        if (withTestClasses) cp = MODULE.resolve("target/test-classes") + java.io.File.pathSeparator + cp;
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx4g", "-Duser.home=" + home.resolve("home"), "-Dplugins.dir=" + home,
                "-Datrous.modelZoo=" + REPO.resolve("model-zoo"), "-Datrous.models=" + home.resolve("models"),
                "-cp", cp));
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(home.toFile());
        pb.environment().put("DISPLAY", display);
        Path log = home.resolve("output-" + System.nanoTime() + ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly().waitFor();
        String out = Files.readString(log);
        if (!done) throw new AssertionError("ImageJ did not finish in " + timeoutSeconds + " s; output:\n" + tail(out));
        return new Result(p.exitValue(), out);
    }

    static String tail(String s) {
        return s.length() < 4000 ? s : s.substring(s.length() - 4000);
    }

    record Result(int exitCode, String output) { }
}
