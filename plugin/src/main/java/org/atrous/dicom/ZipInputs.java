package org.atrous.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Zip files of DICOM, as PACS web viewers, Orthanc and TCIA hand out a study: unpacked into a
 * folder under the JVM's temporary folder ({@code java.io.tmpdir}, which {@code
 * -Djava.io.tmpdir=...} moves to a larger disk) and read from there like any folder. The zip
 * itself is only read. The unpacked copies are removed when the JVM ends, or earlier by {@link
 * #removeAll()}; a zip named again in the same JVM is unpacked once.
 */
public final class ZipInputs {

    private static final Map<Path, Path> UNPACKED = Collections.synchronizedMap(new HashMap<>());
    private static Path root;

    private ZipInputs() { }

    /** True for a file named {@code .zip} that starts as a zip does. */
    public static boolean isZip(Path file) {
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip") || !Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] m = in.readNBytes(4);
            return m.length == 4 && m[0] == 'P' && m[1] == 'K' && m[2] == 3 && m[3] == 4;
        } catch (IOException e) {
            return false;
        }
    }

    /** The folder holding {@code zip}'s files, unpacked now unless this JVM already did. */
    public static Path unpack(Path zip) throws IOException {
        Path key = zip.toAbsolutePath().normalize();
        synchronized (UNPACKED) {
            Path done = UNPACKED.get(key);
            if (done != null && Files.isDirectory(done)) return done;
            Path dir = Files.createTempDirectory(root(), safe(key.getFileName().toString()) + "-");
            try {
                extract(key, dir);
            } catch (IOException | RuntimeException e) {
                CtSeriesWriter.deleteQuietly(dir);
                throw e;
            }
            UNPACKED.put(key, dir);
            return dir;
        }
    }

    /**
     * Text for the user with paths under unpacked zips shown as in the zip:
     * {@code /archive/study.zip!/DICOM/IMG1}; other text as it is.
     */
    public static String display(String text) {
        synchronized (UNPACKED) {
            for (Map.Entry<Path, Path> e : UNPACKED.entrySet()) {
                text = text.replace(e.getValue() + java.io.File.separator, e.getKey() + "!/");
                text = text.replace(e.getValue().toString(), e.getKey() + "!");
            }
        }
        return text;
    }

    /** True for a path under a zip this JVM unpacked: a copy only this machine has. */
    public static boolean isUnpacked(String path) {
        synchronized (UNPACKED) {
            return UNPACKED.values().stream().anyMatch(d -> Path.of(path).toAbsolutePath().startsWith(d));
        }
    }

    /** Removes every unpacked copy now (a batch run's end), rather than when the JVM ends. */
    public static void removeAll() {
        synchronized (UNPACKED) {
            UNPACKED.values().forEach(CtSeriesWriter::deleteQuietly);
            UNPACKED.clear();
        }
    }

    private static void extract(Path zip, Path dir) throws IOException {
        try (ZipFile z = ZippedFiles.open(zip)) {
            long need = 0;
            for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements(); ) {
                long size = en.nextElement().getSize();
                if (size > 0) need += size;
            }
            ZippedFiles.requireRoom(zip + ": unpacking it", need, dir);
            for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                if (e.isDirectory()) continue;
                Path target = dir.resolve(ZippedFiles.requireInside(zip, e.getName())).normalize();
                Files.createDirectories(target.getParent());
                try (InputStream in = z.getInputStream(e)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static synchronized Path root() throws IOException {
        if (root == null || !Files.isDirectory(root)) {
            root = Files.createTempDirectory("atrous-unzipped-");
            Path r = root;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                removeAll();
                CtSeriesWriter.deleteQuietly(r);
            }, "atrous-unzipped-cleanup"));
        }
        return root;
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
