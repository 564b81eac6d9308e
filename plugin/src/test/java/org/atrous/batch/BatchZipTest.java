package org.atrous.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.atrous.crf.CrfMode;
import org.atrous.dicom.LabelMaps;
import org.atrous.dicom.NiftiWriter;
import org.atrous.phantom.Phantom;
import org.atrous.model.ModelStore;
import org.atrous.pipeline.Models;
import org.atrous.pipeline.OutputKind;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study kept as a zip in the archive is segmented like a folder, read series by series from the
 * zip (never unpacked whole) with a label map in the zip scored; the report and the index name
 * its files in the zip; a rerun knows it done.
 */
class BatchZipTest {

    @Test
    void aZippedSeriesIsDoneAndKnownAgainOnTheNextRun(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("archive"), out = dir.resolve("out"), staging = dir.resolve("staging");
        Phantom p = TestArchive.ct(701, staging.resolve("ct"));
        String zipped = p.ct().identity().seriesInstanceUid();
        NiftiWriter.writeLabels(p.labels(), staging.resolve("truth.nii.gz"));
        Files.writeString(staging.resolve(LabelMaps.CLASS_TABLE), "label,name\n" + p.labels().classes().stream()
                .map(c -> c.label() + ",\"" + c.name() + "\"").collect(Collectors.joining("\n")) + "\n");
        Files.createDirectories(archive);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(archive.resolve("study.zip")));
             Stream<Path> files = Files.walk(staging)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                z.putNextEntry(new ZipEntry("export/" + staging.relativize(f)));
                z.write(Files.readAllBytes(f));
            }
        }
        Set<String> tempBefore = zipTemps();
        String plain = TestArchive.ct(702, archive.resolve("folder/ct")).ct().identity().seriesInstanceUid();

        ModelStore.LoadedModel model = Models.load(BatchArchiveTest.MODEL.toString());
        BatchOptions options = new BatchOptions(CrfMode.OFF, 5, "", 1, EnumSet.of(OutputKind.STATS), 4);
        BatchRunner.Result first = new BatchRunner(1, false, 1L << 30).run(List.of(archive), out, model, options,
                ProgressListener.NONE);
        assertEquals(2, first.count(Status.DONE), first.rows().toString());
        String csv = Files.readString(out.resolve(BatchReport.CSV));
        String row = csv.lines().filter(l -> l.startsWith(zipped)).findFirst().orElseThrow();
        assertTrue(row.contains(archive.resolve("study.zip").toAbsolutePath() + "!/export/ct/"), row);
        assertTrue(row.contains("vs truth.nii.gz: liver 0.9"), "the label map in the zip is scored: " + row);
        assertTrue(Files.isRegularFile(out.resolve("series").resolve(zipped).resolve("stats.csv")));
        assertTrue(Files.readString(out.resolve("index.json")).contains("study.zip!/export/ct/"),
                "the index names the files in the zip, which a cluster task can read as the driver did");
        assertEquals(tempBefore, zipTemps(), "no copy of the zip's files is left behind");

        BatchRunner.Result again = new BatchRunner(1, false, 1L << 30).run(List.of(archive), out, model, options,
                ProgressListener.NONE);
        assertEquals(2, again.count(Status.ALREADY_DONE), again.rows().toString());
        assertTrue(again.rows().stream().filter(o -> o.seriesUid().equals(zipped)).allMatch(o -> o.path()
                .contains("study.zip!/export/ct/")), "the journal names the zip, not its unpacked copy");
        assertTrue(again.rows().stream().anyMatch(o -> o.seriesUid().equals(plain)));
    }

    /** The folders Atrous copies zips' files into under the temporary folder. */
    private static Set<String> zipTemps() throws java.io.IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("atrous-zipped-")
                    || n.startsWith("atrous-unzipped-")).collect(Collectors.toSet());
        }
    }
}
