package org.atrous.dicom;

import org.atrous.progress.ProgressListener;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads DICOM files, folders or DICOMDIRs into calibrated volumes, one per series part.
 *
 * <p>Two passes: headers first (stopping before Pixel Data) to reject what cannot be a slice
 * cheaply, then pixels, both spread over a few threads. Series are planned from the headers
 * and pixels decoded straight into their volumes; a file whose pixels fail to decode is listed
 * as rejected and its series re-planned from the rest, so it never leaves a hole or a padded
 * slice behind. Duplicate slices are never decoded.
 */
public final class SeriesReader {

    private final int threads;

    public SeriesReader() {
        this(Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    public SeriesReader(int threads) {
        this.threads = Math.max(1, threads);
    }

    public SeriesReadResult read(Path input, ProgressListener listener) {
        return read(List.of(input), listener);
    }

    public SeriesReadResult read(List<Path> inputs, ProgressListener listener) {
        List<RejectedFile> rejected = new ArrayList<>();
        List<File> files = InputFiles.expand(inputs, rejected);
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        try {
            List<FrameHeader> frames = new ArrayList<>();
            inParallel(pool, files, HeaderReader::read, "reading headers", listener, File::getPath, rejected)
                    .stream().filter(h -> h != null).forEach(frames::addAll);
            List<SlicePlan> plans = fitting(SeriesGrouper.plan(frames), rejected);
            List<float[]> arrays = plans.stream().map(p -> new float[Math.toIntExact(p.geometry().voxelCount())]).toList();
            Set<String> failed = decodeInto(pool, plans, arrays, listener, rejected);
            List<SeriesPart> parts = new ArrayList<>();
            for (int i = 0; i < plans.size(); i++) {
                SeriesPart part = finish(plans.get(i), arrays.get(i), failed, rejected);
                if (part == null) continue;
                parts.add(part);
                part.volume().warnings().forEach(w -> listener.log(part.name() + ": " + w));
            }
            rejected.sort(java.util.Comparator.comparing(RejectedFile::path));
            return new SeriesReadResult(parts, rejected, List.of());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Java arrays hold at most 2^31 - 1 floats; a larger series part is rejected, not truncated. */
    private static List<SlicePlan> fitting(List<SlicePlan> plans, List<RejectedFile> rejected) {
        List<SlicePlan> ok = new ArrayList<>();
        for (SlicePlan p : plans) {
            if (p.geometry().voxelCount() < Integer.MAX_VALUE - 8) {
                ok.add(p);
                continue;
            }
            String reason = "series " + p.name() + " has " + p.geometry().voxelCount() + " voxels, more than one volume can hold";
            p.frames().stream().map(FrameHeader::path).distinct().forEach(f -> rejected.add(new RejectedFile(f, reason)));
        }
        return ok;
    }

    /**
     * Decodes every planned frame straight into its slot of its volume (no second copy of a
     * large series in memory); returns the files whose pixels could not be decoded.
     */
    private static Set<String> decodeInto(ExecutorService pool, List<SlicePlan> plans, List<float[]> arrays,
                                          ProgressListener listener, List<RejectedFile> rejected) {
        Map<FrameKey, Slot> slots = new HashMap<>();
        Map<String, List<FrameHeader>> byFile = new LinkedHashMap<>();
        for (int i = 0; i < plans.size(); i++) {
            SlicePlan p = plans.get(i);
            int sliceSize = p.geometry().nx() * p.geometry().ny();
            for (int z = 0; z < p.frames().size(); z++) {
                FrameHeader f = p.frames().get(z);
                slots.put(new FrameKey(f.path(), f.frame()), new Slot(arrays.get(i), z * sliceSize));
                byFile.computeIfAbsent(f.path(), k -> new ArrayList<>()).add(f);
            }
            // Decoded (and thrown away) so that a broken duplicate is still reported as broken.
            for (FrameHeader f : p.duplicates()) byFile.computeIfAbsent(f.path(), k -> new ArrayList<>()).add(f);
        }
        List<List<FrameHeader>> work = new ArrayList<>(byFile.values());
        List<Boolean> ok = inParallel(pool, work, fileFrames -> {
            float[][] pixels = PixelDecoder.decode(fileFrames);
            for (int j = 0; j < fileFrames.size(); j++) {
                Slot s = slots.get(new FrameKey(fileFrames.get(j).path(), fileFrames.get(j).frame()));
                if (s != null) System.arraycopy(pixels[j], 0, s.data(), s.offset(), pixels[j].length);
            }
            return Boolean.TRUE;
        }, "reading pixels", listener, fileFrames -> fileFrames.get(0).path(), rejected);
        Set<String> failed = new HashSet<>();
        for (int i = 0; i < work.size(); i++) if (ok.get(i) == null) failed.add(work.get(i).get(0).path());
        return failed;
    }

    private record Slot(float[] data, int offset) { }

    /** The part as planned, or re-planned without the files that failed to decode (null if none left). */
    private static SeriesPart finish(SlicePlan plan, float[] data, Set<String> failed, List<RejectedFile> rejected) {
        SlicePlan actual = plan;
        float[] voxels = data;
        if (plan.frames().stream().anyMatch(f -> failed.contains(f.path()))) {
            actual = plan.without(failed);
            if (actual == null) return null;
            voxels = moveSlices(plan, data, actual);
        }
        try {
            return assemble(actual, voxels);
        } catch (IllegalArgumentException e) {
            String reason = "series " + plan.name() + " cannot form a volume: " + HeaderReader.oneLine(e);
            actual.frames().stream().map(FrameHeader::path).distinct()
                    .forEach(p -> rejected.add(new RejectedFile(p, reason)));
            return null;
        }
    }

    private static float[] moveSlices(SlicePlan from, float[] data, SlicePlan to) {
        int sliceSize = from.geometry().nx() * from.geometry().ny();
        Map<FrameKey, Integer> oldZ = new HashMap<>();
        for (int z = 0; z < from.frames().size(); z++) {
            oldZ.put(new FrameKey(from.frames().get(z).path(), from.frames().get(z).frame()), z);
        }
        float[] out = new float[Math.toIntExact(to.geometry().voxelCount())];
        for (int z = 0; z < to.frames().size(); z++) {
            FrameHeader f = to.frames().get(z);
            System.arraycopy(data, oldZ.get(new FrameKey(f.path(), f.frame())) * sliceSize, out, z * sliceSize, sliceSize);
        }
        return out;
    }

    private record FrameKey(String path, int frame) { }

    /** A step that either yields a value or rejects its input with a reason. */
    private interface Step<T, R> {
        R apply(T input) throws UnreadableFileException;
    }

    private static <T, R> List<R> inParallel(ExecutorService pool, List<T> inputs, Step<T, R> step, String stage,
                                             ProgressListener listener, java.util.function.Function<T, String> pathOf,
                                             List<RejectedFile> rejected) {
        AtomicInteger done = new AtomicInteger();
        List<Future<R>> futures = new ArrayList<>(inputs.size());
        for (T input : inputs) {
            futures.add(pool.submit(() -> {
                if (listener.isCanceled()) return null;
                try {
                    return step.apply(input);
                } finally {
                    listener.progress(stage, done.incrementAndGet() / (double) inputs.size());
                }
            }));
        }
        List<R> results = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            results.add(outcome(futures.get(i), pathOf.apply(inputs.get(i)), rejected));
        }
        listener.checkCanceled();
        return results;
    }

    private static <R> R outcome(Future<R> future, String path, List<RejectedFile> rejected) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProgressListener.Cancelled();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String reason = cause instanceof UnreadableFileException ? cause.getMessage()
                    : "unexpected error while reading: " + HeaderReader.oneLine(cause);
            rejected.add(new RejectedFile(path, reason));
            return null;
        }
    }

    private static SeriesPart assemble(SlicePlan plan, float[] data) {
        List<SliceSource> sources = new ArrayList<>();
        // A multi-frame file lists once; single-frame files list in slice order.
        Set<String> files = new java.util.LinkedHashSet<>();
        for (FrameHeader f : plan.frames()) {
            sources.add(new SliceSource(f.sopInstanceUid(), f.sopClassUid(), f.path(), f.frame(), f.headerText()));
            files.add(f.path());
        }
        FrameHeader first = plan.frames().get(0);
        Geometry g = plan.geometry();
        Volume v = new Volume(data, g, first.identity(), sources, first.window(), plan.warnings());
        String size = g.nx() + "x" + g.ny() + "x" + g.nz();
        return new SeriesPart(plan.name(), size + plan.description(), v, List.copyOf(files));
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        return r -> {
            Thread t = new Thread(r, "atrous-dicom-reader");
            t.setDaemon(true);
            return t;
        };
    }
}
