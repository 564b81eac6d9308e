package org.atrous.dicom;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Locates the read-only real data under /work/shared (system property atrous.shared, env ATROUS_SHARED). */
public final class SharedData {

    private SharedData() { }

    public static Path path(String relative) {
        String root = System.getProperty("atrous.shared", System.getenv("ATROUS_SHARED"));
        assumeTrue(root != null, "atrous.shared not set");
        Path p = Path.of(root).resolve(relative);
        assumeTrue(Files.exists(p), "shared data missing: " + p);
        return p;
    }
}
