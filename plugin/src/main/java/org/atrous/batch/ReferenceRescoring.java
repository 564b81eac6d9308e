package org.atrous.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.NiftiReader;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.SeriesPart;
import org.atrous.dicom.SeriesReader;
import org.atrous.dicom.Volume;
import org.atrous.dicom.ZippedFiles;
import org.atrous.pipeline.OutputKind;
import org.atrous.progress.ProgressListener;

/**
 * Scores again a series an earlier run did when the archive's labels of it changed since; the
 * local batch and the Spark job's driver both call it for their already-done series.
 */
public final class ReferenceRescoring {

    private ReferenceRescoring() { }

    /**
     * A series an earlier run did, scored again from its stored labels when the archive's SEGs or
     * RT Structure Sets of it changed since (one added, say): no segmentation is repeated.
     */
    public static void rescore(SeriesEntry e, List<SegmentClass> classes, Path out, ProgressListener listener) {
        Path first = SeriesProcessor.outputDir(out, e.seriesUid());
        try (ZippedFiles zips = new ZippedFiles()) {
            if (ReferenceScores.upToDate(first, e.references())) return;
            // outputs of a run without NIfTI labels: nothing to score
            if (!Files.isRegularFile(first.resolve(OutputKind.NIFTI.fileName()))) return;
            List<SeriesPart> parts = new SeriesReader(1).read(zips.local(e.files()), ProgressListener.NONE).segmentable();
            List<String> references = zips.localNames(e.references());
            for (int k = 1; k <= parts.size(); k++) {
                Volume v = parts.get(k - 1).volume();
                List<String> refs = SeriesProcessor.labelling(references, v, parts.size());
                rescore(SeriesOutcome.partUid(e.seriesUid(), k), v, refs, classes, out, listener);
            }
        } catch (IOException | RuntimeException ex) {
            listener.log(e.seriesUid() + ": done earlier, its references not scored: " + ex.getMessage());
        }
    }

    /** One volume of such a series, when a reference names it and its scores are not up to date. */
    private static void rescore(String uid, Volume v, List<String> refs, List<SegmentClass> classes, Path out,
                                ProgressListener listener) throws IOException {
        Path dir = SeriesProcessor.outputDir(out, uid);
        Path labels = dir.resolve(OutputKind.NIFTI.fileName());
        if (refs.isEmpty() || !Files.isRegularFile(labels) || ReferenceScores.upToDate(dir, refs)) return;
        LabelVolume stored = NiftiReader.readLabels(labels, classes);
        LabelVolume predicted = new LabelVolume(stored.labels(), v.geometry(), classes);
        for (String note : ReferenceScores.score(v, predicted, refs, dir)) {
            listener.log(uid + ": done earlier, scored now " + note);
        }
    }
}
