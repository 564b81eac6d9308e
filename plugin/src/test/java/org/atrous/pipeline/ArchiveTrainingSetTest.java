package org.atrous.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.atrous.dicom.CtSeriesWriter;
import org.atrous.dicom.LabelMaps;
import org.atrous.dicom.LabelObjects;
import org.atrous.dicom.NiftiWriter;
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

    /** The archive's phantoms: a (RT struct), b (SEG), c (orphan RT struct), d (NIfTI map and classes.csv). */
    private static Phantom[] siteArchive(Path archive) throws Exception {
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

        // a NIfTI label map beside its series (it names none), named by a classes.csv; one more at the top, beside all
        Phantom d = phantom(94);
        Files.createDirectories(archive.resolve("p4"));
        CtSeriesWriter.write(d.ct(), archive.resolve("p4/ct"), "", ProgressListener.NONE);
        NiftiWriter.writeLabels(d.labels(), archive.resolve("p4/truth.nii.gz"));
        Files.writeString(archive.resolve("p4").resolve(LabelMaps.CLASS_TABLE), "label,name\n" + d.labels().classes().stream()
                .map(k -> k.label() + "," + k.name()).collect(java.util.stream.Collectors.joining("\n")) + "\n");
        NiftiWriter.writeLabels(d.labels(), archive.resolve("stray.nii.gz"));
        return new Phantom[] {a, b, c, d};
    }

    @Test
    void everySegAndRtStructureSetIsACaseOnTheSeriesItReferences(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("archive");
        Phantom[] p = siteArchive(archive);
        Phantom a = p[0], b = p[1], c = p[2], d = p[3];
        Path rt = archive.resolve("p1/study/rt/RS.1.dcm"), seg = archive.resolve("p2/seg/labels.dcm");
        assertEquals(a.ct().identity().seriesInstanceUid(), LabelObjects.referencedSeries(rt));
        assertEquals(b.ct().identity().seriesInstanceUid(), LabelObjects.referencedSeries(seg));
        List<String> log = new ArrayList<>();
        List<TrainingCase> cases = DicomCases.archive(archive, null, new ProgressListener() {
            @Override public void log(String message) { log.add(message); }
        });
        assertEquals(List.of("p1/study/rt/RS.1.dcm", "p2/seg/labels.dcm", "p4/truth.nii.gz"),
                cases.stream().map(TrainingCase::id).toList());
        assertArrayEquals(a.labels().labels(), cases.get(0).labels().labels());
        assertArrayEquals(b.labels().labels(), cases.get(1).labels().labels());
        assertArrayEquals(d.labels().labels(), cases.get(2).labels().labels());
        assertTrue(log.contains("skipped " + archive.resolve("stray.nii.gz") + ": 3 image series in its folder, so which it"
                + " labels is not known (put it beside the files of the series it labels)"), log.toString());
        assertTrue(log.contains("skipped " + archive.resolve("p3/orphan.dcm") + ": the series it labels ("
                + c.ct().identity().seriesInstanceUid() + ") is not under " + archive), log.toString());
    }

    /**
     * The same archive zipped, as sites ship one: read entry by entry, each case's files copied out
     * only while it is read; ids and log lines name the files inside the zip.
     */
    @Test
    void aZippedArchiveIsReadCaseByCase(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("archive");
        Phantom[] p = siteArchive(archive);
        Path zipped = Files.createDirectories(dir.resolve("zipped")), zip = zipped.resolve("site.zip");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip));
             java.util.stream.Stream<Path> files = Files.walk(archive)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                z.putNextEntry(new java.util.zip.ZipEntry(archive.relativize(f).toString()));
                Files.copy(f, z);
                z.closeEntry();
            }
        }
        byte[] before = Files.readAllBytes(zip);
        long copiesBefore = zippedCopies();
        List<String> log = new ArrayList<>();
        List<TrainingCase> cases = DicomCases.archive(zipped, null, new ProgressListener() {
            @Override public void log(String message) { log.add(message); }
        });
        assertEquals(List.of("site.zip!/p1/study/rt/RS.1.dcm", "site.zip!/p2/seg/labels.dcm", "site.zip!/p4/truth.nii.gz"),
                cases.stream().map(TrainingCase::id).toList());
        for (int i = 0; i < 3; i++) {
            TrainingCase c = cases.get(i);
            assertArrayEquals(p[i == 2 ? 3 : i].labels().labels(), c.labels().labels(), c.id());
            assertArrayEquals(p[i == 2 ? 3 : i].ct().data(), c.image().data(), 0.5f, c.id());
        }
        String name = zip.toAbsolutePath().normalize() + "!/";
        assertTrue(log.contains("skipped " + name + "p3/orphan.dcm: the series it labels ("
                + p[2].ct().identity().seriesInstanceUid() + ") is not under " + zipped), log.toString());
        assertTrue(log.stream().anyMatch(m -> m.startsWith("skipped " + name + "stray.nii.gz: 3 image series")), log.toString());
        assertTrue(log.stream().noneMatch(m -> m.contains("atrous-zipped-")), "no copy is named: " + log);
        assertEquals(copiesBefore, zippedCopies(), "every copy is gone once its case is read");
        assertArrayEquals(before, Files.readAllBytes(zip), "the zip is only read");
        // the zip itself named as the archive: the same cases, named in it
        assertEquals(List.of("site.zip!/p1/study/rt/RS.1.dcm", "site.zip!/p2/seg/labels.dcm", "site.zip!/p4/truth.nii.gz"),
                DicomCases.archive(zip, null, ProgressListener.NONE).ids());
    }

    /** Folders of copied-out zip entries now in the temporary folder. */
    private static long zippedCopies() throws java.io.IOException {
        try (java.util.stream.Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(f -> f.getFileName().toString().startsWith("atrous-zipped-")).count();
        }
    }
}
