package org.atrous.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.atrous.batch.BatchOptions;
import org.atrous.batch.BatchReport;
import org.atrous.batch.BatchRunner;
import org.atrous.batch.SeriesEntry;
import org.atrous.batch.SeriesIndex;
import org.atrous.batch.SeriesOutcome;
import org.atrous.batch.ReferenceScores;
import org.atrous.batch.SeriesProcessor;
import org.atrous.batch.Status;
import org.atrous.dicom.NiftiReader;
import org.atrous.model.ModelStore;
import org.atrous.crf.CrfMode;
import org.atrous.pipeline.Models;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job in {@code local[2]} against the local batch on the same archive of phantom
 * series (plus one with a truncated file): the same series done and failed, the same label
 * volumes and statistics, the same report rows but timings; a rerun does nothing twice; two
 * attempts of the same task leave one whole folder per series and nothing else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkBatchEquivalenceTest {

    static final Path MODEL = Path.of("../model-zoo/ct-abdomen.json").toAbsolutePath().normalize();
    static final int SERIES = 10;

    SparkSession spark;
    ModelStore.LoadedModel model;
    ModelBytes bytes;
    BatchOptions options;
    Path archive, localOut, sparkOut;
    List<String> uids;
    String brokenUid;
    BatchRunner.Result local;
    SparkBatch.Result distributed;
    List<String> localReport, sparkReport;

    @BeforeAll
    void runBothOnOneArchive(@TempDir Path dir) throws Exception {
        archive = dir.resolve("archive");
        uids = PhantomArchive.write(archive, SERIES, 7100);
        brokenUid = PhantomArchive.write(dir.resolve("broken"), 1, 7200).get(0);
        Files.move(dir.resolve("broken/phantom-00"), archive.resolve("broken"));
        for (Path f : PhantomArchive.files(archive.resolve("broken"))) PhantomArchive.truncate(f);
        Files.createDirectories(archive.resolve("contours"));
        PhantomArchive.contour(7100, archive.resolve("contours/RS.phantom-00.dcm"));
        PhantomArchive.repeatAcquisition(archive.resolve("phantom-01")); // one series of two volumes
        localOut = dir.resolve("local");
        sparkOut = dir.resolve("spark");
        options = new BatchOptions(CrfMode.VOLUME_3D, 5, "CT", 1, BatchOptions.DEFAULT_OUTPUTS, 8);
        model = Models.load(MODEL.toString());
        bytes = ModelBytes.read(MODEL);
        local = new BatchRunner(2, false, 0).run(List.of(archive), localOut, model, options, ProgressListener.NONE);
        spark = SparkSession.builder().master("local[2]").appName("atrous-equivalence")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        distributed = new SparkBatch(spark, 4, ReportTable.Format.PARQUET, false).run(List.of(archive), sparkOut, bytes, options);
        localReport = Files.readAllLines(localOut.resolve(BatchReport.CSV));
        sparkReport = Files.readAllLines(sparkOut.resolve(BatchReport.CSV));
    }

    @AfterAll
    void stop() {
        if (spark != null) spark.stop();
    }

    @Test
    void sameSeriesDoneAndFailedAsTheLocalBatch() {
        assertEquals(SERIES + 1, local.count(Status.DONE), "local batch rows: " + local.rows());
        assertEquals(1, local.count(Status.FAILED));
        assertEquals(SERIES + 1, distributed.count(Status.DONE), "spark rows: " + distributed.rows());
        assertEquals(1, distributed.count(Status.FAILED));
        SeriesOutcome failed = distributed.rows().stream().filter(r -> r.status() == Status.FAILED).findFirst().orElseThrow();
        assertEquals(brokenUid, failed.seriesUid());
        assertFalse(failed.reason().isBlank());
        assertFalse(Files.exists(SeriesProcessor.outputDir(sparkOut, brokenUid)));
    }

    @Test
    void sameLabelsStatisticsAndReportAsTheLocalBatch() throws Exception {
        List<String> volumes = new java.util.ArrayList<>(uids);
        volumes.add(SeriesOutcome.partUid(uids.get(1), 2));
        for (String uid : volumes) {
            Path a = SeriesProcessor.outputDir(localOut, uid), b = SeriesProcessor.outputDir(sparkOut, uid);
            assertEquals(names(a), names(b), uid);
            byte[] la = NiftiReader.readLabels(a.resolve("labels.nii.gz"), model.card().classes()).labels();
            byte[] lb = NiftiReader.readLabels(b.resolve("labels.nii.gz"), model.card().classes()).labels();
            assertTrue(nonZero(la) > 1000, "the model finds organs in phantom " + uid);
            assertArrayEquals(la, lb, "labels of " + uid);
            assertEquals(Files.readString(a.resolve("stats.csv")), Files.readString(b.resolve("stats.csv")), uid);
        }
        assertEquals(SERIES + 4, localReport.size(),
                "a header, the series (one of them twice: two volumes), the broken one and the structure set");
        assertEquals(withoutTimings(localReport), withoutTimings(sparkReport));
    }

    @Test
    void bothScoreTheContouredSeriesAgainstItsStructureSet() throws Exception {
        Path a = localOut.resolve(ReferenceScores.FILE), b = sparkOut.resolve(ReferenceScores.FILE);
        assertEquals(Files.readAllLines(a), Files.readAllLines(b));
        List<String> rows = Files.readAllLines(b);
        assertTrue(rows.size() > 5 && rows.stream().skip(1).allMatch(r -> r.startsWith(uids.get(0) + ",RS.phantom-00.dcm,")),
                rows.toString());
        String liver = rows.stream().filter(r -> r.contains(",liver,")).findFirst().orElseThrow();
        assertTrue(Double.parseDouble(liver.split(",")[3]) > 0.8, liver);
    }

    @Test
    void reportTableHoldsEveryRowWithVolumes() {
        List<Row> rows = spark.read().parquet(sparkOut.resolve("report.parquet").toString()).collectAsList();
        assertEquals(distributed.rows().size(), rows.size());
        Map<String, Row> byUid = new HashMap<>();
        for (Row r : rows) byUid.put(r.getAs("series_uid"), r);
        for (SeriesOutcome o : distributed.rows()) {
            Row r = byUid.get(o.seriesUid());
            assertEquals(o.status().label(), r.getAs("status"));
            assertEquals(o.reason(), r.getAs("reason"));
            Map<String, Double> ml = r.getJavaMap(r.fieldIndex("volumes_ml"));
            assertEquals(o.volumes().size(), ml.size());
            o.volumes().forEach(v -> assertEquals(v.volumeMl(), ml.get(v.name()), 1e-9));
            assertEquals(o.noiseHu(), r.<Double>getAs("noise_hu"), "noise level of " + o.seriesUid());
        }
    }

    @Test
    void rerunSkipsEverySeriesDoneAndRetriesTheFailedOne() throws Exception {
        Map<String, FileTime> before = modified(sparkOut);
        SparkBatch.Result again = new SparkBatch(spark, 4, ReportTable.Format.CSV, true).run(List.of(archive), sparkOut, bytes, options);
        assertEquals(SERIES + 1, again.count(Status.ALREADY_DONE));
        assertEquals(0, again.count(Status.DONE));
        assertEquals(1, again.count(Status.FAILED));
        assertEquals(before, modified(sparkOut), "no series output rewritten");
        assertEquals(SERIES + 1, PhantomArchive.children(sparkOut.resolve("series")).size());
        assertFalse(Files.exists(sparkOut.resolve(SeriesTask.STAGING)));
        assertTrue(Files.readAllLines(PhantomArchive.files(sparkOut.resolve("report-table")).stream()
                .filter(p -> p.toString().endsWith(".csv")).findFirst().orElseThrow()).size() == SERIES + 4);
    }

    @Test
    void aStructureSetAddedLaterIsScoredOnTheRerunWithoutSegmentingAgain(@TempDir Path dir) throws Exception {
        Path archive2 = dir.resolve("archive"), out2 = dir.resolve("out");
        copyTree(archive, archive2);
        copyTree(sparkOut, out2);
        PhantomArchive.contour(7102, archive2.resolve("contours/RS.phantom-02.dcm"));
        SparkBatch.Result again = new SparkBatch(spark, 4, ReportTable.Format.CSV, true).run(List.of(archive2), out2, bytes, options);
        assertEquals(0, again.count(Status.DONE), "nothing segmented again: " + again.rows());
        List<String> rows = Files.readAllLines(out2.resolve(ReferenceScores.FILE));
        assertTrue(rows.stream().anyMatch(r -> r.startsWith(uids.get(2) + ",RS.phantom-02.dcm,liver,")), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.startsWith(uids.get(0) + ",RS.phantom-00.dcm,liver,")), rows.toString());
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        for (Path p : PhantomArchive.files(from)) {
            Path target = to.resolve(from.relativize(p).toString());
            Files.createDirectories(target.getParent());
            Files.copy(p, target);
        }
    }

    @Test
    void aZippedSeriesRunsFromItsIndexAsTheLocalBatchDidIt(@TempDir Path dir) throws Exception {
        Path zipped = Files.createDirectories(dir.resolve("zipped")), out = dir.resolve("out");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(
                Files.newOutputStream(zipped.resolve("study.zip")))) {
            for (Path f : PhantomArchive.files(archive.resolve("phantom-02"))) {
                z.putNextEntry(new java.util.zip.ZipEntry("DICOM/" + f.getFileName()));
                z.write(Files.readAllBytes(f));
            }
        }
        // the index alone, as `atrous batch` leaves it; the job then reads the series from the zip itself
        new org.atrous.batch.ArchiveIndexer(2).index(List.of(zipped), out, ProgressListener.NONE);
        SparkBatch.Result r = new SparkBatch(spark, 2, ReportTable.Format.CSV, false).runIndex(out, bytes, options);
        assertEquals(1, r.count(Status.DONE), r.rows().toString());
        SeriesOutcome row = r.rows().get(0);
        assertEquals(uids.get(2), row.seriesUid());
        assertTrue(row.path().startsWith(zipped.resolve("study.zip").toAbsolutePath() + "!/DICOM/"), row.path());
        byte[] expected = NiftiReader.readLabels(SeriesProcessor.outputDir(localOut, uids.get(2)).resolve("labels.nii.gz"),
                model.card().classes()).labels();
        byte[] got = NiftiReader.readLabels(SeriesProcessor.outputDir(out, uids.get(2)).resolve("labels.nii.gz"),
                model.card().classes()).labels();
        assertArrayEquals(expected, got, "the same labels as from the folder");
    }

    @Test
    void concurrentAttemptsOfOneTaskLeaveOneWholeFolderPerSeries(@TempDir Path out) throws Exception {
        List<SeriesEntry> entries = SeriesIndex.read(sparkOut).entries().stream()
                .filter(e -> e.image() && !e.seriesUid().equals(brokenUid)).limit(1).toList();
        Broadcast<ModelBytes> b = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bytes);
        SeriesTask task = new SeriesTask(b, options, out, "test", true);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<SeriesOutcome>> a1 = pool.submit(() -> task.run(one(entries), "p00000-a0"));
            Future<List<SeriesOutcome>> a2 = pool.submit(() -> task.run(one(entries), "p00000-a1"));
            for (SeriesOutcome o : concat(a1.get(), a2.get())) assertEquals(Status.DONE, o.status(), o.reason());
        } finally {
            pool.shutdown();
        }
        assertEquals(entries.size(), PhantomArchive.children(out.resolve("series")).size(), "one folder per series, no hidden ones");
        assertFalse(Files.exists(out.resolve(SeriesTask.STAGING).resolve("test-p00000-a0")));
        assertFalse(Files.exists(out.resolve(SeriesTask.STAGING).resolve("test-p00000-a1")));
        for (SeriesEntry e : entries) {
            Path mine = SeriesProcessor.outputDir(out, e.seriesUid()), theirs = SeriesProcessor.outputDir(localOut, e.seriesUid());
            assertEquals(names(theirs), names(mine));
            assertEquals(Files.readString(theirs.resolve("stats.csv")), Files.readString(mine.resolve("stats.csv")));
        }
        assertEquals(2, PhantomArchive.children(out.resolve("journal")).size(), "each attempt journals in its own file");
    }

    private static Iterator<List<SeriesEntry>> one(List<SeriesEntry> entries) {
        return List.of(entries).iterator();
    }

    private static List<SeriesOutcome> concat(List<SeriesOutcome> a, List<SeriesOutcome> b) {
        List<SeriesOutcome> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<String> names(Path dir) throws Exception {
        return PhantomArchive.files(dir).stream().map(p -> dir.relativize(p).toString()).toList();
    }

    private static long nonZero(byte[] labels) {
        long n = 0;
        for (byte l : labels) if (l != 0) n++;
        return n;
    }

    /** Report lines without the timing columns (read, inference, CRF, write, total; scoring, the last). */
    private static List<String> withoutTimings(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.add(l.replaceAll(",\\d+\\.\\d\\d,\\d+\\.\\d\\d,\\d+\\.\\d\\d,\\d+\\.\\d\\d,\\d+\\.\\d\\d,", ",T,")
                    .replaceAll(",\\d+\\.\\d\\d$", ",S"));
        }
        return out;
    }

    private static Map<String, FileTime> modified(Path out) throws Exception {
        Map<String, FileTime> m = new HashMap<>();
        for (Path p : PhantomArchive.files(out.resolve("series"))) m.put(out.relativize(p).toString(), Files.getLastModifiedTime(p));
        return m;
    }
}
