package org.atrous.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.atrous.model.ModelZoo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarConflictsTest {

    @Test
    void mavenJarNamesAreReadWithTheirVersionsAndClassifiers() {
        assertEquals(new JarConflicts.JarName("jackson-databind", "2.17.0", ""), JarConflicts.JarName.of("jackson-databind-2.17.0.jar"));
        assertEquals(new JarConflicts.JarName("nd4j-native", "1.0.0-M2.1", "linux-x86_64"),
                JarConflicts.JarName.of("nd4j-native-1.0.0-M2.1-linux-x86_64.jar"));
        assertEquals(new JarConflicts.JarName("openblas", "0.3.19-1.5.7", "macosx-arm64"),
                JarConflicts.JarName.of("openblas-0.3.19-1.5.7-macosx-arm64.jar"));
        assertEquals(new JarConflicts.JarName("guava", "31.1-jre", ""), JarConflicts.JarName.of("guava-31.1-jre.jar"));
        assertEquals(new JarConflicts.JarName("ij", "1.54p", ""), JarConflicts.JarName.of("ij-1.54p.jar"));
        assertEquals(new JarConflicts.JarName("Atrous_", "0.1.0", ""), JarConflicts.JarName.of("Atrous_-0.1.0.jar"));
        assertNull(JarConflicts.JarName.of("pixelmed.jar"), "no version: not compared");
        assertNull(JarConflicts.JarName.of("notes.txt"));
    }

    /** A Fiji with two Jacksons is a problem; ND4J's natives for two platforms of one version are not. */
    @Test
    void twoVersionsOfALibraryAreFoundAndPlatformNativesAreNot(@TempDir Path fiji) throws Exception {
        Path jars = Files.createDirectories(fiji.resolve("jars")), plugins = Files.createDirectories(fiji.resolve("plugins"));
        for (String j : new String[] {"jackson-databind-2.17.0.jar", "nd4j-native-1.0.0-M2.1-linux-x86_64.jar",
                "nd4j-native-1.0.0-M2.1-windows-x86_64.jar", "nd4j-native-1.0.0-M2.1.jar", "ij-1.54p.jar"}) {
            Files.createFile(jars.resolve(j));
        }
        Files.createDirectories(jars.resolve("bio-formats"));
        Files.createFile(jars.resolve("bio-formats").resolve("jackson-databind-2.12.7.jar"));
        Files.createFile(plugins.resolve("Atrous_-0.1.0.jar"));
        List<JarConflicts.Conflict> cs = JarConflicts.find(List.of(jars, plugins, fiji.resolve("missing")));
        assertEquals(1, cs.size(), cs.toString());
        assertEquals("jackson-databind", cs.get(0).artifact());
        assertEquals(List.of("2.12.7", "2.17.0"), List.copyOf(cs.get(0).byVersion().keySet()));

        Diagnosis d = Diagnosis.run(new ModelZoo(List.of(Path.of("..", "model-zoo"))), fiji);
        String all = String.join("\n", d.lines());
        assertTrue(all.contains("ND4J CpuBackend backend works"), all);
        assertTrue(all.contains("ct-abdomen 1.8.4"), all);
        assertTrue(all.contains("PROBLEM: jackson-databind in 2 versions (keep the newest, delete the others): 2.12.7"
                + " [jars/bio-formats/jackson-databind-2.12.7.jar] 2.17.0 [jars/jackson-databind-2.17.0.jar]"), all);
        assertEquals(1, d.problems(), all);
    }

    /**
     * DL4J's shaded {@code org.nd4j:guava} beside Fiji's Google Guava is no conflict, though both
     * files are guava-*.jar (its jar also carries Google's pom.properties, of another version); two
     * Jacksons of one group are.
     */
    @Test
    void theMavenGroupInsideAJarTellsLibrariesOfOneNameApart(@TempDir Path fiji) throws Exception {
        Path jars = Files.createDirectories(fiji.resolve("jars"));
        jar(jars.resolve("guava-1.0.0-M2.1.jar"), "org.nd4j", "guava", "1.0.0-M2.1", "com.google.guava", "guava", "30.1-jre");
        jar(jars.resolve("guava-31.1-jre.jar"), "com.google.guava", "guava", "31.1-jre");
        jar(jars.resolve("jackson-databind-2.17.2.jar"), "com.fasterxml.jackson.core", "jackson-databind", "2.17.2");
        jar(jars.resolve("jackson-databind-2.15.2.jar"), "com.fasterxml.jackson.core", "jackson-databind", "2.15.2");
        List<JarConflicts.Conflict> cs = JarConflicts.find(List.of(jars));
        assertEquals(1, cs.size(), cs.toString());
        assertEquals("com.fasterxml.jackson.core:jackson-databind", cs.get(0).artifact());
        assertEquals("org.nd4j", JarConflicts.group(jars.resolve("guava-1.0.0-M2.1.jar"),
                JarConflicts.JarName.of("guava-1.0.0-M2.1.jar")));
    }

    /** A jar holding {@code META-INF/maven/G/A/pom.properties} for each (group, artifact, version) triple given. */
    private static void jar(Path file, String... gav) throws Exception {
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < gav.length; i += 3) {
                z.putNextEntry(new java.util.zip.ZipEntry("META-INF/maven/" + gav[i] + "/" + gav[i + 1] + "/pom.properties"));
                z.write(("groupId=" + gav[i] + "\nartifactId=" + gav[i + 1] + "\nversion=" + gav[i + 2] + "\n").getBytes());
            }
        }
    }
}
