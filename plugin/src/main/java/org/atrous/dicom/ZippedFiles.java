package org.atrous.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Files inside zips named as the user knows them, {@code /archive/study.zip!/DICOM/IMG1}, and read
 * one series at a time: a batch indexes a zipped archive entry by entry and names its files so
 * (in the report, the journal and {@code index.json}), and a series about to be read has only its
 * own entries copied out, into a folder under {@code java.io.tmpdir} that {@link #close()}
 * removes. So the temporary disk a batch needs is that of the series in flight, not the
 * archive's, and a cluster task that sees the zip can read the series as the driver would.
 * The zips themselves are only read.
 */
public final class ZippedFiles implements AutoCloseable {

    /** Between the zip's path and the entry's name. */
    public static final String SEPARATOR = "!/";

    private final Map<Path, ZipFile> open = new HashMap<>();
    private final Map<String, Path> local = new LinkedHashMap<>();
    private final Map<Path, String> folders = new HashMap<>();
    private Path dir;

    /** True for a name {@link #name} made: a zip's path, {@value #SEPARATOR}, an entry. */
    public static boolean isInZip(String path) {
        int at = path.indexOf(SEPARATOR);
        return at > 0 && path.substring(0, at).toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /** The name of entry {@code entry} of {@code zip}. */
    public static String name(Path zip, String entry) {
        return zip.toAbsolutePath().normalize() + SEPARATOR + entry;
    }

    /** The zip a name made by {@link #name} points into. */
    public static Path zipOf(String path) {
        return Path.of(path.substring(0, path.indexOf(SEPARATOR)));
    }

    /** The entry a name made by {@link #name} points to. */
    public static String entryOf(String path) {
        return path.substring(path.indexOf(SEPARATOR) + SEPARATOR.length());
    }

    /**
     * The files of {@code zip} by name (folders left out, and zips within it not opened).
     * Refused when it is no readable zip or an entry would lie outside its folder once unpacked.
     */
    public static List<String> list(Path zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile z = open(zip)) {
            for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                if (e.isDirectory()) continue;
                requireInside(zip, e.getName());
                names.add(name(zip, e.getName()));
            }
        }
        Collections.sort(names);
        return names;
    }

    /** The zip opened for reading; refused, naming it, when it is not a readable zip. */
    static ZipFile open(Path zip) throws IOException {
        try {
            return new ZipFile(zip.toFile());
        } catch (ZipException e) {
            throw new IOException(zip + ": not a readable zip file: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses unpacking {@code need} bytes into {@code dir} when its disk has less free;
     * {@code what} names the unpacking in the message ("study.zip: unpacking it").
     */
    static void requireRoom(String what, long need, Path dir) throws IOException {
        long free = Files.getFileStore(dir).getUsableSpace();
        if (need > free) {
            throw new IOException(String.format(Locale.ROOT, "%s needs %.1f GB, the temporary folder %s has %.1f GB free"
                    + " (-Djava.io.tmpdir=... in ATROUS_JAVA_OPTS picks another)", what, need / 1e9, dir.getParent(),
                    free / 1e9));
        }
    }

    /**
     * A file the readers can open for {@code path}: the path itself for a plain file, a copy for
     * an entry of a zip (made once; a label map's {@value LabelMaps#CLASS_TABLE} beside it in the
     * zip comes along, since it names the map's labels).
     */
    public synchronized Path local(String path) throws IOException {
        if (!isInZip(path)) return Path.of(path);
        Path done = local.get(path);
        if (done != null) return done;
        Path copy = copy(path);
        if (LabelMaps.isLabelMap(copy)) copySibling(path, LabelMaps.CLASS_TABLE);
        return copy;
    }

    /**
     * {@link #local} for each path, in order, after checking that the zips' entries among them fit
     * on the temporary folder's disk: a series too large for it fails with that reason.
     */
    public List<Path> local(List<String> paths) throws IOException {
        requireSpace(paths);
        List<Path> files = new ArrayList<>(paths.size());
        for (String p : paths) files.add(local(p));
        return files;
    }

    /** The paths {@link #local} returns for {@code paths}, as strings. */
    public List<String> localNames(List<String> paths) throws IOException {
        return local(paths).stream().map(Path::toString).toList();
    }

    /** The entry's size unpacked in bytes (-1 when the zip does not say). */
    public synchronized long size(String path) throws IOException {
        ZipEntry e = zip(zipOf(path)).getEntry(entryOf(path));
        if (e == null) throw new IOException(path + ": no such file in the zip");
        return e.getSize();
    }

    /** Removes the copy of {@code path}, once read, so copies do not pile up while a zip is indexed. */
    public synchronized void release(String path) {
        Path copy = local.remove(path);
        if (copy == null) return;
        try {
            Files.deleteIfExists(copy);
        } catch (IOException ignored) {
            // close() removes the folder
        }
    }

    /** {@code text} with every copy this made named again as in its zip. */
    public synchronized String shown(String text) {
        for (Map.Entry<String, Path> e : local.entrySet()) text = text.replace(e.getValue().toString(), e.getKey());
        return text;
    }

    /** Closes the zips and removes the copies. */
    @Override
    public synchronized void close() {
        for (ZipFile z : open.values()) {
            try {
                z.close();
            } catch (IOException ignored) {
                // read only: nothing is lost
            }
        }
        open.clear();
        local.clear();
        if (dir != null) CtSeriesWriter.deleteQuietly(dir);
        dir = null;
    }

    private Path copy(String path) throws IOException {
        Path zip = zipOf(path);
        String entry = entryOf(path);
        ZipFile z = zip(zip);
        ZipEntry e = z.getEntry(entry);
        if (e == null || e.isDirectory()) throw new IOException(path + ": no such file in the zip");
        // one folder per zip keeps the entries' own folders, so two zips may hold the same names
        Path target = dir().resolve(folderOf(zip)).resolve(requireInside(zip, entry)).normalize();
        Files.createDirectories(target.getParent());
        try (InputStream in = z.getInputStream(e)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (ZipException ex) {
            throw new IOException(path + ": cannot be unpacked: " + ex.getMessage(), ex);
        }
        local.put(path, target);
        return target;
    }

    private void copySibling(String path, String sibling) throws IOException {
        String entry = entryOf(path);
        String name = entry.substring(0, entry.lastIndexOf('/') + 1) + sibling;
        if (zip(zipOf(path)).getEntry(name) != null) copy(name(zipOf(path), name));
    }

    private String folderOf(Path zip) {
        return folders.computeIfAbsent(zip, z -> folders.size() + "-" + z.getFileName().toString()
                .replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    private ZipFile zip(Path zip) throws IOException {
        ZipFile z = open.get(zip);
        if (z != null) return z;
        z = open(zip);
        open.put(zip, z);
        return z;
    }

    private Path dir() throws IOException {
        if (dir == null) dir = Files.createTempDirectory("atrous-zipped-");
        return dir;
    }

    private synchronized void requireSpace(List<String> paths) throws IOException {
        long need = 0;
        for (String p : paths) {
            if (!isInZip(p) || local.containsKey(p)) continue;
            ZipEntry e = zip(zipOf(p)).getEntry(entryOf(p));
            if (e != null && e.getSize() > 0) need += e.getSize();
        }
        if (need > 0) requireRoom("unpacking its files from the zip", need, dir());
    }

    /** The entry as a relative path; refused when it would lie outside the zip's folder (zip slip). */
    static String requireInside(Path zip, String entry) throws IOException {
        Path base = Path.of("zip");
        Path p = base.resolve(entry).normalize();
        if (!p.startsWith(base) || p.equals(base) || Path.of(entry).isAbsolute()) {
            throw new IOException(zip + ": entry '" + entry + "' points outside the zip's folder: refused");
        }
        return entry;
    }
}
