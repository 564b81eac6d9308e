package org.atrous.install;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.atrous.model.ModelZoo;

/**
 * What a user or their IT needs to know when Atrous will not start or runs short of memory:
 * Java and memory, whether ND4J's native code loads here, the models found, and, for a Fiji
 * installation, libraries present in two versions. Each line is plain text; {@link #problems()}
 * counts what needs fixing.
 */
public final class Diagnosis {

    private final List<String> lines = new ArrayList<>();
    private int problems;

    /** Checks this JVM, the given model zoo and, when {@code fiji} is not null, that Fiji folder. */
    public static Diagnosis run(ModelZoo zoo, Path fiji) {
        Diagnosis d = new Diagnosis();
        d.java();
        d.nd4j();
        d.models(zoo);
        if (fiji != null) d.fiji(fiji);
        return d;
    }

    public List<String> lines() { return List.copyOf(lines); }

    public int problems() { return problems; }

    private void java() {
        Runtime rt = Runtime.getRuntime();
        lines.add(String.format(Locale.ROOT, "Java %s (%s), %d cores, heap up to %.1f GB", System.getProperty("java.version"),
                System.getProperty("java.vendor"), rt.availableProcessors(), rt.maxMemory() / 1e9));
        java.io.File tmp = new java.io.File(System.getProperty("java.io.tmpdir"));
        lines.add(String.format(Locale.ROOT, "temporary folder %s: %.1f GB free (zips of DICOM are unpacked there;"
                + " -Djava.io.tmpdir=... moves it)", tmp, tmp.getUsableSpace() / 1e9));
        lines.add(mallocArenas(System.getenv("MALLOC_ARENA_MAX")));
        if (rt.maxMemory() < 3_000_000_000L) {
            lines.add("  note: a 512x512x200 CT with the 3D CRF needs about 4 GB of heap (Fiji: Edit > Options > Memory"
                    + " & Threads; command line: ATROUS_JAVA_OPTS=-Xmx4g)");
        }
    }

    /**
     * glibc's malloc arenas: by default up to 8 per core, each keeping what the native code
     * (ND4J, OpenBLAS) freed, which over a long run held 3 GB more than 2 arenas do
     * ({@code docs/benchmarks.md}, "Memory over a long batch"). bin/atrous sets 2.
     */
    static String mallocArenas(String value) {
        if (value != null && value.trim().matches("[1-4]")) return "MALLOC_ARENA_MAX=" + value.trim() + " (glibc malloc arenas)";
        return "  note: MALLOC_ARENA_MAX is " + (value == null ? "not set" : value) + ": over a long run glibc keeps"
                + " several GB more of native memory; start Fiji or java with MALLOC_ARENA_MAX=2 (bin/atrous sets it)";
    }

    /** ND4J's backend, proven by a product computed with its native BLAS. */
    private void nd4j() {
        String cuda = cudaBuild() ? cudaRuntimeProblem() : null;
        if (cuda != null) { // before ND4J, which only logs the cause and then fails with an empty error
            problems++;
            lines.add("PROBLEM: ND4J's CUDA backend cannot start: " + cuda + " (this is the CUDA build, -Pcuda: it needs"
                    + " an NVIDIA GPU with its driver, libcuda.so.1, and CUDA 11.6 with cuDNN 8.3 on the library path;"
                    + " build without -Pcuda for the CPU, see docs/install.md)");
            return;
        }
        try {
            org.nd4j.linalg.api.ndarray.INDArray a = org.nd4j.linalg.factory.Nd4j.ones(2, 2);
            double v = a.mmul(a).getDouble(0);
            if (v != 2) throw new IllegalStateException("2x2 ones squared gave " + v + ", not 2");
            lines.add(String.format(Locale.ROOT, "ND4J %s backend works (off-heap memory up to %.1f GB)",
                    org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName(),
                    org.bytedeco.javacpp.Pointer.maxPhysicalBytes() / 1e9));
        } catch (Throwable e) { // an UnsatisfiedLinkError is the usual one: natives for another platform
            problems++;
            lines.add("PROBLEM: ND4J cannot run here: " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + " (" + (cudaBuild() ? "the CUDA build, -Pcuda; see docs/install.md" : "the nd4j-native and openblas"
                    + " jars must be the ones for " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                    + "; see docs/install.md") + ")");
        }
    }

    /** True when ND4J's CUDA backend is on the class path (a -Pcuda build) instead of the CPU one. */
    static boolean cudaBuild() {
        try {
            Class.forName("org.nd4j.linalg.jcublas.JCublasBackend", false, Diagnosis.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Why the CUDA runtime's native library does not load (a missing driver, say), or null when it does. */
    private static String cudaRuntimeProblem() {
        try {
            org.bytedeco.javacpp.Loader.load(Class.forName("org.bytedeco.cuda.global.cudart"));
            return null;
        } catch (Throwable t) {
            Throwable root = t;
            while (root.getCause() != null) root = root.getCause();
            return root.getClass().getSimpleName() + ": " + root.getMessage();
        }
    }

    private void models(ModelZoo zoo) {
        List<ModelZoo.Entry> entries = zoo.list();
        lines.add(entries.size() + " model(s): " + String.join(", ", entries.stream()
                .map(e -> e.card().id() + " " + e.card().version() + " (" + e.file().getParent() + ")").toList()));
        for (String p : zoo.problems()) lines.add("  note: " + p);
        if (entries.isEmpty()) {
            problems++;
            lines.add("PROBLEM: no model found; Fiji looks in Fiji.app/atrous/model-zoo and ~/.atrous/models");
        }
    }

    private void fiji(Path fiji) {
        try {
            List<JarConflicts.Conflict> cs = JarConflicts.find(List.of(fiji.resolve("jars"), fiji.resolve("plugins")));
            if (cs.isEmpty()) lines.add("Fiji " + fiji + ": no library in two versions");
            for (JarConflicts.Conflict c : cs) {
                problems++;
                StringBuilder sb = new StringBuilder("PROBLEM: " + c.artifact() + " in " + c.byVersion().size()
                        + " versions (keep the newest, delete the others):");
                c.byVersion().forEach((v, jars) -> sb.append(' ').append(v).append(" ")
                        .append(jars.stream().map(j -> fiji.relativize(j).toString()).toList()));
                lines.add(sb.toString());
            }
        } catch (IOException e) {
            problems++;
            lines.add("PROBLEM: cannot list " + fiji + ": " + e.getMessage());
        }
    }
}
