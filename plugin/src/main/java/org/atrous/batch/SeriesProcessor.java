package org.atrous.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.atrous.dicom.ImageChecks;
import org.atrous.dicom.LabelObjects;
import org.atrous.dicom.RejectedFile;
import org.atrous.dicom.SeriesPart;
import org.atrous.dicom.SeriesReadResult;
import org.atrous.dicom.SeriesReader;
import org.atrous.dicom.Volume;
import org.atrous.dicom.ZippedFiles;
import org.atrous.model.ModelStore;
import org.atrous.model.RegionZoom;
import org.atrous.pipeline.Models;
import org.atrous.pipeline.Pipeline;
import org.atrous.pipeline.PipelineResult;
import org.atrous.pacs.PacsStore;
import org.atrous.pipeline.SeriesOutputs;
import org.atrous.progress.ProgressListener;
import org.atrous.roi.ClassMeasurement;

/**
 * The per-series unit of a batch, with no driver around it: checks the entry against the
 * options, reads its files, segments with the given model (and CRF), and writes the outputs into
 * {@code outRoot/series/<SeriesInstanceUID>/} through a hidden {@code .partial} folder renamed
 * when complete. It returns one report row and never throws for a bad series; a cancellation
 * ({@link ProgressListener.Cancelled}) is the only exception that leaves it.
 *
 * <p>It keeps no state, so the local {@link BatchRunner} calls it from a thread pool and a
 * cluster job can call it inside a task, with the model loaded once per JVM. The model's graph
 * may be shared by concurrent calls (inference is serialised on the graph) or be a copy per
 * worker. The caller records done rows in the {@link Journal} after this returns, so a series
 * whose outputs appeared but were not journaled (a crash in between) is simply redone and its
 * folder replaced.
 */
public final class SeriesProcessor {

    /** Folder under the output root that holds one folder per series. */
    public static final String SERIES_DIR = "series";

    private static final String OUT_OF_MEMORY = "out of memory";

    private SeriesProcessor() { }

    /** True for the outcome of a series that failed only because the heap ran out. */
    public static boolean outOfMemory(SeriesOutcome o) {
        return o.status() == Status.FAILED && o.reason().startsWith(OUT_OF_MEMORY);
    }

    public static List<SeriesOutcome> process(SeriesEntry entry, ModelStore.LoadedModel model, BatchOptions options,
                                              Path outRoot) {
        return process(entry, model, options, outRoot, ProgressListener.NONE);
    }

    /**
     * One row per volume of the series: most series hold one; a repeated scan stored under one
     * UID holds two, each segmented into a folder of its own. A single row when it is not
     * segmented at all.
     */
    public static List<SeriesOutcome> process(SeriesEntry entry, ModelStore.LoadedModel model, BatchOptions options,
                                              Path outRoot, ProgressListener listener) {
        if (!entry.image()) return List.of(SeriesOutcome.of(entry, Status.SKIPPED, "not an image series: " + entry.problem()));
        String excluded = options.exclusion(entry.modality(), entry.frames());
        if (excluded != null) return List.of(SeriesOutcome.of(entry, Status.SKIPPED, excluded));
        // a colour image (ultrasound, a photograph, a screenshot) is no input for these models, not a failure
        if (ImageChecks.isColour(entry.problem())) return List.of(SeriesOutcome.of(entry, Status.SKIPPED, entry.problem()));
        if (entry.problem() != null) return List.of(SeriesOutcome.of(entry, Status.FAILED, entry.problem()));
        String full = OutputSpace.shortage(outRoot, entry, model.card().classes().size(), options.outputs());
        if (full != null) return List.of(SeriesOutcome.of(entry, Status.FAILED, full));
        // a series in a zip is read from copies of its own files, named as in the zip in its rows
        try (ZippedFiles zips = new ZippedFiles()) {
            try {
                return segment(entry, zips, model, options, outRoot, listener).stream().map(o -> o.named(zips::shown)).toList();
            } catch (ProgressListener.Cancelled e) {
                throw e;
            } catch (RuntimeException | IOException e) {
                return List.of(SeriesOutcome.of(entry, Status.FAILED, zips.shown(oneLine(e))));
            }
        } catch (OutOfMemoryError e) {
            // The memory budget should prevent this; if a series still does not fit, the batch goes on.
            return List.of(SeriesOutcome.of(entry, Status.FAILED, OUT_OF_MEMORY + " (" + entry.voxels() + " voxels)"));
        }
    }

    private static List<SeriesOutcome> segment(SeriesEntry entry, ZippedFiles zips, ModelStore.LoadedModel model,
                                               BatchOptions options, Path outRoot, ProgressListener listener)
            throws IOException {
        long t0 = System.nanoTime();
        SeriesReadResult read = new SeriesReader(1).read(zips.local(entry.files()), listener);
        List<String> references = zips.localNames(entry.references());
        double readSeconds = (System.nanoTime() - t0) / 1e9;
        String rejected = rejected(read.rejected());
        if (read.parts().isEmpty()) return List.of(SeriesOutcome.of(entry, Status.FAILED, "no readable slices: " + rejected));
        List<SeriesPart> volumes = read.segmentable();
        deleteStaleParts(outRoot, entry.seriesUid(), volumes.size());
        List<SeriesOutcome> rows = new ArrayList<>();
        for (int k = 1; k <= volumes.size(); k++) {
            List<String> notes = new ArrayList<>();
            if (k == 1 && !read.rejected().isEmpty()) notes.add(rejected);
            if (k == 1 && !read.localizers().isEmpty()) notes.add(leftOut(read.localizers()));
            if (volumes.size() > 1) {
                notes.add("volume " + k + " of " + volumes.size() + " in this series (" + volumes.get(k - 1).description() + ")");
            }
            rows.add(one(entry, references, volumes.get(k - 1), k, volumes.size(), model, options, outRoot, listener,
                    notes, k == 1 ? readSeconds : 0));
        }
        return rows;
    }

    /**
     * Segments one volume of the series. A volume that fails does not take the others with it;
     * the caller journals the series only when all its volumes are done.
     */
    private static SeriesOutcome one(SeriesEntry entry, List<String> references, SeriesPart part, int k, int of,
                                     ModelStore.LoadedModel model,
                                     BatchOptions options, Path outRoot, ProgressListener listener, List<String> notes,
                                     double readSeconds) {
        Volume v = part.volume();
        int[] d = v.geometry().dims();
        // the volume's row before it is segmented; each outcome below fills in its own part
        SeriesOutcome row = new SeriesOutcome(SeriesOutcome.partUid(entry.seriesUid(), k), Status.FAILED, "",
                v.modality(), d[0] + "x" + d[1] + "x" + d[2], part.files().get(0), entry.fileHash(), "", readSeconds,
                0, 0, 0, List.of(), null, of, 0);
        String excluded = options.exclusion(v.modality(), d[2]);
        if (excluded != null) return row.as(Status.SKIPPED, excluded);
        try {
            return segmented(row, references, v, model, options, outRoot, listener, notes);
        } catch (ProgressListener.Cancelled e) {
            throw e;
        } catch (RuntimeException | IOException e) {
            return row.as(Status.FAILED, with(notes, oneLine(e)));
        } catch (OutOfMemoryError e) {
            return row.as(Status.FAILED, OUT_OF_MEMORY + " (" + v.geometry().voxelCount() + " voxels)");
        }
    }

    private static SeriesOutcome segmented(SeriesOutcome row, List<String> references, Volume v,
                                           ModelStore.LoadedModel model,
                                           BatchOptions options, Path outRoot, ProgressListener listener,
                                           List<String> notes) throws IOException {
        RegionZoom zoom = options.regionZoom(model.card());
        PipelineResult r = new Pipeline(Models.segmenter(model, options.batchSize()).withRegionZoom(zoom),
                options.pipelineOptions(model.card().crfParams())).run(v, listener);
        long t1 = System.nanoTime();
        Path dir = outputDir(outRoot, row.seriesUid());
        List<String> notWritten = SeriesOutputs.write(r, Models.algorithm(model, options.crf(), options.crfIterations(),
                null, zoom), options.outputs(), dir, options.lesionSegments());
        notes.addAll(v.warnings());
        notes.addAll(notWritten);
        double writeSeconds = (System.nanoTime() - t1) / 1e9;
        List<String> refs = labelling(references, v, row.parts());
        double scoreSeconds = 0;
        if (!refs.isEmpty()) {
            long t2 = System.nanoTime();
            notes.addAll(ReferenceScores.score(v, r.labels(), refs, dir));
            scoreSeconds = (System.nanoTime() - t2) / 1e9;
        }
        if (options.store() != null) {
            // a series whose results did not reach the PACS is failed, so a resumed run does it again
            List<PacsStore.Outcome> sent = PacsStore.send(options.store(), SeriesOutputs.dicomObjects(dir));
            String summary = PacsStore.summary(options.store(), sent);
            if (sent.isEmpty() || !sent.stream().allMatch(PacsStore.Outcome::stored)) {
                throw new IOException("written to " + outRoot.relativize(dir) + ", but "
                        + (sent.isEmpty() ? "no DICOM output to store" : summary));
            }
            notes.add(summary);
        }
        notes.addAll(r.warnings());
        return new SeriesOutcome(row.seriesUid(), Status.DONE, String.join("; ", notes), row.modality(), row.size(),
                row.path(), row.fileHash(), outRoot.relativize(dir).toString(), row.readSeconds(), r.inferenceSeconds(),
                r.crfSeconds(), writeSeconds, volumes(r.measurements()),
                Double.isNaN(r.noiseLevelHu()) ? null : r.noiseLevelHu(), row.parts(), scoreSeconds);
    }

    /**
     * The references that label volume {@code v} of a series of {@code volumes}: all of them for
     * a series of one; else those that name an instance of it, so a SEG of one acquisition of a
     * series that holds two is scored against that acquisition only, not against the other one
     * lying at the same positions.
     */
    static List<String> labelling(List<String> references, Volume v, int volumes) {
        if (volumes <= 1 || references.isEmpty()) return references;
        java.util.Set<String> mine = new java.util.HashSet<>();
        for (var s : v.slices()) mine.add(s.sopInstanceUid());
        return references.stream().filter(r -> LabelObjects.referencedInstances(Path.of(r)).stream()
                .anyMatch(mine::contains)).toList();
    }

    private static String with(List<String> notes, String last) {
        List<String> all = new ArrayList<>(notes);
        all.add(last);
        return String.join("; ", all);
    }

    /**
     * Output folders of volumes past the series' count, left by an earlier run over other files
     * of the same UID: they would be reported by nothing and taken for current.
     */
    static void deleteStaleParts(Path outRoot, String seriesUid, int volumes) {
        for (int k = Math.max(2, volumes + 1); ; k++) {
            Path dir = outputDir(outRoot, SeriesOutcome.partUid(seriesUid, k));
            if (!java.nio.file.Files.isDirectory(dir)) return;
            org.atrous.dicom.CtSeriesWriter.deleteQuietly(dir);
        }
    }

    /** The note for a series segmented without its localizers. */
    static String leftOut(List<SeriesPart> localizers) {
        int files = localizers.stream().mapToInt(p -> p.files().size()).sum();
        return "left out " + files + " file(s) of other geometry (localizer?): " + localizers.stream()
                .map(SeriesPart::description).collect(Collectors.joining("; "));
    }

    /** Where a series' outputs go: its UID, with anything but UID characters replaced. */
    public static Path outputDir(Path outRoot, String seriesUid) {
        return outRoot.resolve(SERIES_DIR).resolve(seriesUid.replaceAll("[^0-9A-Za-z._-]", "_"));
    }

    private static List<ClassVolume> volumes(List<ClassMeasurement> ms) {
        return ms.stream().map(m -> new ClassVolume(m.name(), m.volumeMl(), m.components())).toList();
    }

    private static String rejected(List<RejectedFile> files) {
        if (files.isEmpty()) return "";
        return files.size() + " file(s) rejected: " + files.stream().map(f -> Path.of(f.path()).getFileName() + ": "
                + f.reason()).collect(Collectors.joining("; "));
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }
}
