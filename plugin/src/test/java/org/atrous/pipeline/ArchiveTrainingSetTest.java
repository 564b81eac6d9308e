package org.atrous.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.atrous.dicom.CtSeriesWriter;
import org.atrous.dicom.LabelObjects;
import org.atrous.dicom.RtStructWriter;
import org.atrous.dicom.SegWriter;
import org.atrous.dicom.SegmentationAlgorithm;
import org.atrous.model.train.TrainingCase;
import org.atrous.phantom.AbdomenPhantom;
import org.atrous.phantom.Phantom;
import org.atrous.phantom.PhantomOptions;
import org.atrous.progress.ProgressListener;
import org.atrous.roi.LabelContours;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An archive as a site exports it: label objects in folders of their own, found with their series by UID. */
class ArchiveTrainingSetTest {

    private static final SegmentationAlgorithm READER = new SegmentationAlgorithm(true, "reader", "", "by hand");

    private static Phantom phantom(long seed) {
        return AbdomenPhantom.generate(new PhantomOptions(seed, 128, 6, 0, 5, 5, 1, 15, false), ProgressListener.NONE);
    }

    @Test
    void everySegAndRtStructureSetIsACaseOnTheSeriesItReferences(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("archive");
        Phantom a = phantom(91), b = phantom(92), c = phantom(93);
        Files.createDirectories(archive.resolve("p1/study/ct").getParent());
        CtSeriesWriter.write(a.ct(), archive.resolve("p1/study/ct"), "", ProgressListener.NONE);
        Files.createDirectories(archive.resolve("p1/study/rt"));
        Path rt = archive.resolve("p1/study/rt/RS.1.dcm");
        RtStructWriter.write(a.ct(), LabelContours.of(a.labels()), READER, rt);
        Files.createDirectories(archive.resolve("p2/ct").getParent());
        CtSeriesWriter.write(b.ct(), archive.resolve("p2/ct"), "", ProgressListener.NONE);
        Files.createDirectories(archive.resolve("p2/seg"));
        Path seg = archive.resolve("p2/seg/labels.dcm");
        SegWriter.write(b.labels(), b.ct(), READER, SegWriter.Target.fresh(5, "truth"), seg);
        // a structure set whose series is not in the archive
        Files.createDirectories(archive.resolve("p3"));
        RtStructWriter.write(c.ct(), LabelContours.of(c.labels()), READER, archive.resolve("p3/orphan.dcm"));

        assertEquals(a.ct().identity().seriesInstanceUid(), LabelObjects.referencedSeries(rt));
        assertEquals(b.ct().identity().seriesInstanceUid(), LabelObjects.referencedSeries(seg));
        List<String> log = new ArrayList<>();
        List<TrainingCase> cases = DicomCases.archive(archive, null, new ProgressListener() {
            @Override public void log(String message) { log.add(message); }
        });
        assertEquals(List.of("p1/study/rt/RS.1.dcm", "p2/seg/labels.dcm"), cases.stream().map(TrainingCase::id).toList());
        assertArrayEquals(a.labels().labels(), cases.get(0).labels().labels());
        assertArrayEquals(b.labels().labels(), cases.get(1).labels().labels());
        assertTrue(log.contains("skipped " + archive.resolve("p3/orphan.dcm") + ": the series it labels ("
                + c.ct().identity().seriesInstanceUid() + ") is not under " + archive), log.toString());
    }
}
