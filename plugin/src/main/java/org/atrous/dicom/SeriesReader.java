package org.atrous.dicom;

import org.atrous.progress.ProgressListener;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
 * cheaply, then pixels of the remaining files, both spread over a few threads. Only frames
 * whose pixels decoded are grouped and ordered, so a bad file never leaves a hole or a padded
 * slice in a volume: it is listed as rejected and the series is built from the rest.
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
            List<List<FrameHeader>> headers = inParallel(pool, files, HeaderReader::read,
                    "reading headers", listener, f -> f.getPath(), rejected);
            List<List<FrameHeader>> perFile = headers.stream().filter(h -> h != null).toList();
            List<float[][]> pixels = inParallel(pool, perFile, PixelDecoder::decode,
                    "reading pixels", listener, h -> h.get(0).path(), rejected);
            Map<FrameKey, float[]> decoded = index(perFile, pixels);
            List<SeriesPart> parts = new ArrayList<>();
            for (SlicePlan plan : SeriesGrouper.plan(decodedFrames(perFile, pixels))) {
                try {
                    parts.add(assemble(plan, decoded));
                    plan.warnings().forEach(w -> listener.log(plan.name() + ": " + w));
                } catch (IllegalArgumentException | ArithmeticException e) {
                    String reason = "series " + plan.name() + " cannot form a volume: " + HeaderReader.oneLine(e);
                    plan.frames().stream().map(FrameHeader::path).distinct()
                            .forEach(p -> rejected.add(new RejectedFile(p, reason)));
                }
            }
            rejected.sort(java.util.Comparator.comparing(RejectedFile::path));
            return new SeriesReadResult(parts, rejected, List.of());
        } finally {
            pool.shutdownNow();
        }
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

    private static List<FrameHeader> decodedFrames(List<List<FrameHeader>> perFile, List<float[][]> pixels) {
        List<FrameHeader> frames = new ArrayList<>();
        for (int i = 0; i < perFile.size(); i++) if (pixels.get(i) != null) frames.addAll(perFile.get(i));
        return frames;
    }

    private static Map<FrameKey, float[]> index(List<List<FrameHeader>> perFile, List<float[][]> pixels) {
        Map<FrameKey, float[]> map = new HashMap<>();
        for (int i = 0; i < perFile.size(); i++) {
            if (pixels.get(i) == null) continue;
            List<FrameHeader> frames = perFile.get(i);
            for (int f = 0; f < frames.size(); f++) {
                map.put(new FrameKey(frames.get(f).path(), frames.get(f).frame()), pixels.get(i)[f]);
            }
        }
        return map;
    }

    /** Copies the planned frames into one array, releasing each decoded frame as it goes. */
    private static SeriesPart assemble(SlicePlan plan, Map<FrameKey, float[]> decoded) {
        Geometry g = plan.geometry();
        int sliceSize = g.nx() * g.ny();
        float[] data = new float[Math.toIntExact(g.voxelCount())];
        List<SliceSource> sources = new ArrayList<>();
        // A multi-frame file lists once; single-frame files list in slice order.
        LinkedHashMap<String, Boolean> files = new LinkedHashMap<>();
        for (int z = 0; z < plan.frames().size(); z++) {
            FrameHeader f = plan.frames().get(z);
            System.arraycopy(decoded.remove(new FrameKey(f.path(), f.frame())), 0, data, z * sliceSize, sliceSize);
            sources.add(new SliceSource(f.sopInstanceUid(), f.sopClassUid(), f.path(), f.frame(), f.headerText()));
            files.put(f.path(), true);
        }
        FrameHeader first = plan.frames().get(0);
        Volume v = new Volume(data, g, first.identity(), sources, first.window(), plan.warnings());
        return new SeriesPart(plan.name(), plan.description(), v, List.copyOf(files.keySet()));
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        return r -> {
            Thread t = new Thread(r, "atrous-dicom-reader");
            t.setDaemon(true);
            return t;
        };
    }
}
