package org.atrous.batch;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.type.TypeReference;
import org.atrous.dicom.LabelMaps;
import org.atrous.dicom.LabelObjects;
import org.atrous.dicom.InstanceSummary;
import org.atrous.dicom.RejectedFile;
import org.atrous.dicom.UnreadableFileException;
import org.atrous.dicom.ZippedFiles;
import org.atrous.model.ModelStore;
import org.atrous.progress.ProgressListener;

/**
 * Builds the {@link SeriesIndex} of an archive from file headers alone: walks folders and
 * DICOMDIRs as the series reader does, hashes every file, groups instances by series, keeps
 * one file per SOP instance (a good copy before a broken one) and lists the rest. The per-file
 * results are cached in the output folder ({@value #CACHE_FILE}) and reused for files whose size
 * and modification time are unchanged, so re-indexing a large archive only stats it.
 */
public final class ArchiveIndexer {

    public static final String CACHE_FILE = "index-files.json";

    /** A zip's entries read per task: the zip is opened once per run of them. */
    private static final int ZIP_RUN = 64;

    private final int threads;

    public ArchiveIndexer(int threads) {
        this.threads = Math.max(1, threads);
    }

    /** Indexes the inputs, writes the cache and {@code index.json} into {@code outRoot}. */
    public SeriesIndex index(List<Path> inputs, Path outRoot, ProgressListener listener) throws IOException {
        List<RejectedFile> rejected = new ArrayList<>();
        Path out = outRoot.toAbsolutePath().normalize();
        // Outputs written inside an input folder are not input.
        List<File> files = InstanceSummary.archiveCandidates(inputs, rejected).stream()
                .filter(f -> !f.toPath().toAbsolutePath().normalize().startsWith(out)).toList();
        List<FileRecord> records = records(files, readCache(out), listener);
        Json.writeAtomically(out.resolve(CACHE_FILE), records);
        SeriesIndex index = group(records, rejected);
        index.write(out);
        return index;
    }

    private static Map<String, FileRecord> readCache(Path out) {
        Path f = out.resolve(CACHE_FILE);
        Map<String, FileRecord> byPath = new TreeMap<>();
        if (!Files.isRegularFile(f)) return byPath;
        try {
            for (FileRecord r : Json.MAPPER.readValue(f.toFile(), new TypeReference<List<FileRecord>>() { })) {
                byPath.put(r.path(), r);
            }
        } catch (IOException e) {
            // A damaged cache only costs a full re-index.
            byPath.clear();
        }
        return byPath;
    }

    private List<FileRecord> records(List<File> files, Map<String, FileRecord> cache, ProgressListener listener)
            throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger done = new AtomicInteger();
            List<Future<List<FileRecord>>> futures = new ArrayList<>();
            for (List<String> task : tasks(files)) {
                futures.add(pool.submit(() -> {
                    List<FileRecord> r = recordsOf(task, cache);
                    listener.progress("indexing", done.addAndGet(task.size()) / (double) files.size());
                    return r;
                }));
            }
            List<FileRecord> records = new ArrayList<>(files.size());
            for (Future<List<FileRecord>> fu : futures) records.addAll(fu.get());
            return records;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProgressListener.Cancelled();
        } catch (ExecutionException e) {
            throw new IOException("indexing failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The files in units of work: a plain file alone; a zip's files in runs of {@value #ZIP_RUN},
     * so each task opens the zip once for many entries yet a large zip is still read by all threads.
     */
    private static List<List<String>> tasks(List<File> files) {
        List<List<String>> tasks = new ArrayList<>();
        Map<Path, List<String>> byZip = new LinkedHashMap<>();
        for (File f : files) {
            String p = f.isAbsolute() ? f.getPath() : f.getAbsolutePath();
            if (ZippedFiles.isInZip(p)) byZip.computeIfAbsent(ZippedFiles.zipOf(p), k -> new ArrayList<>()).add(p);
            else tasks.add(List.of(f.toPath().toAbsolutePath().normalize().toString()));
        }
        for (List<String> entries : byZip.values()) {
            for (int i = 0; i < entries.size(); i += ZIP_RUN) tasks.add(entries.subList(i, Math.min(entries.size(), i + ZIP_RUN)));
        }
        return tasks;
    }

    private static List<FileRecord> recordsOf(List<String> paths, Map<String, FileRecord> cache) throws IOException {
        List<FileRecord> records = new ArrayList<>(paths.size());
        try (ZippedFiles zips = new ZippedFiles()) {
            for (String p : paths) records.add(ZippedFiles.isInZip(p) ? zipped(p, zips, cache) : record(Path.of(p), cache));
        }
        return records;
    }

    private static FileRecord record(Path p, Map<String, FileRecord> cache) throws IOException {
        long size = Files.size(p), modified = Files.getLastModifiedTime(p).toMillis();
        FileRecord cached = cache.get(p.toString());
        if (cached != null && cached.sameFile(size, modified)) return cached;
        return read(p.toString(), p, size, modified);
    }

    /**
     * A file inside a zip, named in it: known again while the zip's modification time and the
     * entry's size are unchanged; else copied out, read, and its copy removed at once.
     */
    private static FileRecord zipped(String name, ZippedFiles zips, Map<String, FileRecord> cache) throws IOException {
        long size = zips.size(name), modified = Files.getLastModifiedTime(ZippedFiles.zipOf(name)).toMillis();
        FileRecord cached = cache.get(name);
        if (cached != null && cached.sameFile(size, modified)) return cached;
        try {
            FileRecord r = read(name, zips.local(name), size, modified);
            return r.rejected() == null ? r : new FileRecord(name, size, modified, r.sha256(), null, zips.shown(r.rejected()));
        } finally {
            zips.release(name);
        }
    }

    private static FileRecord read(String name, Path file, long size, long modified) throws IOException {
        String sha = ModelStore.sha256(file);
        try {
            return new FileRecord(name, size, modified, sha, InstanceSummary.read(file.toFile()), null);
        } catch (UnreadableFileException e) {
            return new FileRecord(name, size, modified, sha, null, e.getMessage());
        }
    }

    static SeriesIndex group(List<FileRecord> records, List<RejectedFile> rejected) {
        List<SeriesOutcome> rows = new ArrayList<>();
        for (RejectedFile r : rejected) rows.add(SeriesOutcome.ofFile(r.path(), "", Status.REJECTED, r.reason()));
        try (ZippedFiles zips = new ZippedFiles()) {
            return group(records, rows, zips);
        }
    }

    private static SeriesIndex group(List<FileRecord> records, List<SeriesOutcome> rows, ZippedFiles zips) {
        Map<String, List<FileRecord>> bySeries = new TreeMap<>();
        List<String> labelMaps = new ArrayList<>();
        for (FileRecord r : records) {
            if (r.summary() == null && LabelMaps.isLabelMap(readable(r.path(), zips))) {
                labelMaps.add(r.path());
            } else if (r.summary() == null) {
                rows.add(SeriesOutcome.ofFile(r.path(), "", Status.REJECTED, r.rejected()));
            } else if (r.summary().seriesUid().isEmpty()) {
                rows.add(SeriesOutcome.ofFile(r.path(), "", Status.REJECTED, "no SeriesInstanceUID"));
            } else {
                bySeries.computeIfAbsent(r.summary().seriesUid(), k -> new ArrayList<>()).add(r);
            }
        }
        List<SeriesEntry> entries = new ArrayList<>();
        bySeries.forEach((uid, files) -> entries.add(entry(uid, files, rows)));
        rows.sort(Comparator.comparing(SeriesOutcome::path));
        return new SeriesIndex(withLabelMaps(withReferences(entries, zips), labelMaps, rows, zips), rows);
    }

    /** A file the readers can open for an indexed path (one in a zip copied out); the path itself when that fails. */
    private static Path readable(String path, ZippedFiles zips) {
        try {
            return zips.local(path);
        } catch (IOException e) {
            return Path.of(path); // as a missing file: it is then taken for what it was indexed as
        }
    }

    /**
     * Label maps made outside DICOM (a Slicer {@code .seg.nrrd}, a NIfTI with a {@code classes.csv})
     * name no series. One labels the image series whose files all lie in its folder or below, when
     * there is exactly one, and is scored against it if it names its classes; every label map gets
     * a row that says which series it labels or why none.
     */
    private static List<SeriesEntry> withLabelMaps(List<SeriesEntry> entries, List<String> maps, List<SeriesOutcome> rows,
                                                   ZippedFiles zips) {
        if (maps.isEmpty()) return entries;
        Map<String, List<String>> byUid = new TreeMap<>();
        Map<String, List<Path>> imageFiles = new TreeMap<>();
        for (SeriesEntry e : entries) {
            if (e.image()) imageFiles.put(e.seriesUid(), e.files().stream().map(Path::of).toList());
        }
        for (String m : maps) {
            String uid = LabelMaps.seriesLabelledBy(Path.of(m), readable(m, zips), imageFiles, false,
                    why -> rows.add(SeriesOutcome.ofFile(m, "", Status.SKIPPED, "label map not used: " + why)));
            if (uid == null) continue;
            byUid.computeIfAbsent(uid, k -> new ArrayList<>()).add(m);
            rows.add(SeriesOutcome.ofFile(m, "", Status.SKIPPED, "label map of series " + uid
                    + ", the one in its folder: scored against it"));
        }
        List<SeriesEntry> out = new ArrayList<>();
        for (SeriesEntry e : entries) {
            List<String> mine = byUid.get(e.seriesUid());
            if (mine == null) {
                out.add(e);
                continue;
            }
            List<String> refs = new ArrayList<>(e.references());
            refs.addAll(mine);
            out.add(e.withReferences(refs));
        }
        return out;
    }

    /** Each image series with the SEGs and RT Structure Sets of the archive that label it. */
    private static List<SeriesEntry> withReferences(List<SeriesEntry> entries, ZippedFiles zips) {
        Map<String, List<String>> labelling = new TreeMap<>();
        for (SeriesEntry e : entries) {
            if (e.image()) continue;
            for (String f : e.files()) {
                String uid = LabelObjects.referencedSeries(readable(f, zips));
                if (uid != null) labelling.computeIfAbsent(uid, k -> new ArrayList<>()).add(f);
            }
        }
        if (labelling.isEmpty()) return entries;
        List<SeriesEntry> out = new ArrayList<>();
        for (SeriesEntry e : entries) {
            List<String> refs = e.image() ? labelling.get(e.seriesUid()) : null;
            out.add(refs == null ? e : e.withReferences(refs));
        }
        return out;
    }

    /** One series: one file per SOP instance, the files the reader can use, or else the reason it cannot. */
    private static SeriesEntry entry(String uid, List<FileRecord> files, List<SeriesOutcome> rows) {
        files.sort(Comparator.comparingInt(FileRecord::rank).thenComparing(FileRecord::path));
        Map<String, FileRecord> kept = new LinkedHashMap<>();
        for (FileRecord r : files) {
            String sop = r.summary().sopInstanceUid();
            FileRecord first = kept.putIfAbsent(sop.isEmpty() ? r.path() : sop, r);
            if (first != null) {
                String same = first.sha256().equals(r.sha256()) ? "an identical copy of " : "same SOP Instance UID as ";
                rows.add(SeriesOutcome.ofFile(r.path(), uid, Status.DUPLICATE, same + first.path()));
            }
        }
        List<FileRecord> good = kept.values().stream().filter(r -> r.summary().problem() == null).toList();
        List<FileRecord> use = good.isEmpty() ? List.copyOf(kept.values()) : good;
        if (!good.isEmpty()) {
            kept.values().stream().filter(r -> r.summary().problem() != null).forEach(r ->
                    rows.add(SeriesOutcome.ofFile(r.path(), uid, Status.REJECTED, r.summary().problem())));
        }
        use = use.stream().sorted(Comparator.comparing(FileRecord::path)).toList();
        InstanceSummary first = use.get(0).summary();
        int frames = use.stream().mapToInt(r -> r.summary().frames()).sum();
        return new SeriesEntry(uid, first.modality(), first.rows(), first.columns(), frames,
                use.stream().map(FileRecord::path).toList(), hash(use), first.image(),
                good.isEmpty() ? first.problem() : null);
    }

    private static String hash(List<FileRecord> files) {
        String[] shas = files.stream().map(FileRecord::sha256).sorted().toArray(String[]::new);
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(String.join("\n", Arrays.asList(shas)).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }
}
