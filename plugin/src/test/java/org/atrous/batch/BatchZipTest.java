package org.atrous.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.atrous.crf.CrfMode;
import org.atrous.model.ModelStore;
import org.atrous.pipeline.Models;
import org.atrous.pipeline.OutputKind;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A study kept as a zip in the archive is segmented like a folder; the report names it in the zip; a rerun knows it done. */
class BatchZipTest {

    @Test
    void aZippedSeriesIsDoneAndKnownAgainOnTheNextRun(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("archive"), out = dir.resolve("out"), staging = dir.resolve("staging");
        String zipped = TestArchive.ct(701, staging.resolve("ct")).ct().identity().seriesInstanceUid();
        Files.createDirectories(archive);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(archive.resolve("study.zip")));
             Stream<Path> files = Files.list(staging.resolve("ct"))) {
            for (Path f : files.sorted().toList()) {
                z.putNextEntry(new ZipEntry("export/ct/" + f.getFileName()));
                z.write(Files.readAllBytes(f));
            }
        }
        String plain = TestArchive.ct(702, archive.resolve("folder/ct")).ct().identity().seriesInstanceUid();

        ModelStore.LoadedModel model = Models.load(BatchArchiveTest.MODEL.toString());
        BatchOptions options = new BatchOptions(CrfMode.OFF, 5, "", 1, EnumSet.of(OutputKind.STATS), 4);
        BatchRunner.Result first = new BatchRunner(1, false, 1L << 30).run(List.of(archive), out, model, options,
                ProgressListener.NONE);
        assertEquals(2, first.count(Status.DONE), first.rows().toString());
        String csv = Files.readString(out.resolve(BatchReport.CSV));
        String row = csv.lines().filter(l -> l.startsWith(zipped)).findFirst().orElseThrow();
        assertTrue(row.contains(archive.resolve("study.zip").toAbsolutePath() + "!/export/ct/"), row);
        assertTrue(Files.isRegularFile(out.resolve("series").resolve(zipped).resolve("stats.csv")));

        BatchRunner.Result again = new BatchRunner(1, false, 1L << 30).run(List.of(archive), out, model, options,
                ProgressListener.NONE);
        assertEquals(2, again.count(Status.ALREADY_DONE), again.rows().toString());
        assertTrue(again.rows().stream().filter(o -> o.seriesUid().equals(zipped)).allMatch(o -> o.path()
                .contains("study.zip!/export/ct/")), "the journal names the zip, not its unpacked copy");
        assertTrue(again.rows().stream().anyMatch(o -> o.seriesUid().equals(plain)));
    }
}
