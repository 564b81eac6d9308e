package org.atrous.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Libraries present in two versions in a Fiji installation (its {@code jars/} and {@code
 * plugins/} folders): Java then loads classes from either at random, which shows as
 * {@code NoSuchMethodError} at start-up. Found from Maven's file names
 * ({@code artifact-version[-classifier].jar}); jars of one version with different classifiers
 * (ND4J's natives per platform) are one library.
 */
public final class JarConflicts {

    /**
     * A version starts with a digit and may go on in dashed parts that start with a digit or are
     * Maven qualifiers (openblas-0.3.19-1.5.7, guava-31.1-jre, nd4j-native-1.0.0-M2.1); a
     * classifier follows after a dash and starts with a letter (linux-x86_64).
     */
    private static final Pattern NAME = Pattern.compile("(.+?)-(\\d[^-]*(?:-(?:\\d[^-]*|(?:M|RC|rc|beta|alpha)\\d[^-]*"
            + "|SNAPSHOT|jre|android|GA|Final|FINAL)(?=-|$))*)(?:-([A-Za-z][\\w.-]*))?");

    private JarConflicts() { }

    /** A jar file name read as Maven names jars; null when it carries no version. */
    public record JarName(String artifact, String version, String classifier) {

        public static JarName of(String fileName) {
            if (!fileName.endsWith(".jar")) return null;
            Matcher m = NAME.matcher(fileName.substring(0, fileName.length() - 4));
            return m.matches() ? new JarName(m.group(1), m.group(2), m.group(3) == null ? "" : m.group(3)) : null;
        }
    }

    /** One library in several versions, each with its jars. */
    public record Conflict(String artifact, Map<String, List<Path>> byVersion) { }

    /** The conflicts among the jars in {@code folders} and their subfolders (missing folders are skipped). */
    public static List<Conflict> find(List<Path> folders) throws IOException {
        Map<String, Map<String, List<Path>>> seen = new TreeMap<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) continue;
            try (Stream<Path> s = Files.walk(folder)) {
                for (Path jar : s.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    JarName n = JarName.of(jar.getFileName().toString());
                    if (n == null) continue;
                    String group = group(jar, n);
                    seen.computeIfAbsent((group.isEmpty() ? "" : group + ":") + n.artifact(), k -> new TreeMap<>())
                            .computeIfAbsent(n.version(), k -> new ArrayList<>()).add(jar);
                }
            }
        }
        List<Conflict> conflicts = new ArrayList<>();
        seen.forEach((key, versions) -> {
            // a jar whose group is unknown may be either library of its name: compared with each
            String artifact = key.substring(key.indexOf(':') + 1);
            Map<String, List<Path>> all = new TreeMap<>();
            versions.forEach((v, jars) -> all.computeIfAbsent(v, k -> new ArrayList<>()).addAll(jars));
            if (!key.equals(artifact)) {
                seen.getOrDefault(artifact, Map.of()).forEach((v, jars) -> all.computeIfAbsent(v, k -> new ArrayList<>())
                        .addAll(jars));
            } else if (seen.keySet().stream().anyMatch(k -> k.endsWith(":" + artifact))) {
                return; // compared under each group's key
            }
            if (all.size() > 1) conflicts.add(new Conflict(key, all));
        });
        return conflicts;
    }

    /**
     * The jar's Maven group from its {@code META-INF/maven/<group>/<artifact>/pom.properties} of the
     * file's version ("" when it has none): DL4J's shaded {@code org.nd4j:guava} is not Google's
     * Guava, though both files are named guava-*.jar.
     */
    static String group(Path jar, JarName n) {
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(jar.toFile())) {
            List<String> groups = new ArrayList<>();
            for (var en = z.entries(); en.hasMoreElements(); ) {
                String name = en.nextElement().getName();
                String[] parts = name.split("/");
                if (parts.length != 5 || !name.startsWith("META-INF/maven/") || !parts[3].equals(n.artifact())
                        || !parts[4].equals("pom.properties")) {
                    continue;
                }
                java.util.Properties p = new java.util.Properties();
                try (var in = z.getInputStream(z.getEntry(name))) {
                    p.load(in);
                }
                if (n.version().equals(p.getProperty("version"))) return parts[2];
                groups.add(parts[2]);
            }
            return groups.size() == 1 ? groups.get(0) : "";
        } catch (IOException e) {
            return ""; // not a readable jar: known by its name only
        }
    }
}
