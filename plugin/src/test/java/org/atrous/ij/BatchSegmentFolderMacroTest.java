package org.atrous.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.atrous.dicom.CtSeriesWriter;
import org.atrous.phantom.AbdomenPhantom;
import org.atrous.phantom.Phantom;
import org.atrous.phantom.PhantomOptions;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** macros/batch_segment.ijm under a headless ImageJ ({@code ij.ImageJ -batch}) in a child JVM. */
class BatchSegmentFolderMacroTest {

    private static final Path MACRO = Path.of("../macros/batch_segment.ijm").toAbsolutePath().normalize();
    private static final Path MODEL = Path.of("../model-zoo/ct-abdomen.json").toAbsolutePath().normalize();

    @Test
    void headlessImageJRunsTheBatchMacro(@TempDir Path dir) throws Exception {
        Phantom p = AbdomenPhantom.generate(new PhantomOptions(401, 128, 4, 0, 5, 5, 1, 15, false), ProgressListener.NONE);
        Files.createDirectories(dir.resolve("in space"));
        CtSeriesWriter.write(p.ct(), dir.resolve("in space/ct"), "", ProgressListener.NONE);
        Path out = dir.resolve("out");
        String args = "input=[" + dir.resolve("in space") + "] output=[" + out + "] model=[" + MODEL + "] crf=off threads=1 probability_seg measurement_sr";
        Path log = dir.resolve("imagej.log");
        Process ij = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), "ij.ImageJ", "-batch",
                MACRO.toString(), args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(ij.waitFor(300, TimeUnit.SECONDS), "ImageJ did not finish");
        String text = Files.readString(log);
        assertEquals(0, ij.exitValue(), text);
        assertTrue(text.contains("Atrous batch: 1 done, 0 already done, 0 failed"), text);
        Path series = out.resolve("series").resolve(p.ct().identity().seriesInstanceUid());
        for (String f : List.of("seg.dcm", "rois.zip", "labels.nii.gz", "stats.csv", "preview.png", "probabilities-seg.dcm",
                "measurements-sr.dcm")) {
            assertTrue(Files.size(series.resolve(f)) > 0, f);
        }
        assertTrue(Files.notExists(series.resolve("probabilities.nii.gz")), "not asked for");
        assertTrue(Files.notExists(series.resolve("rtstruct.dcm")), "not asked for");
        assertTrue(Files.exists(out.resolve("report.html")));
    }

    @Test
    void checkboxKeysCountAsWordsOfTheirOwnNotInsidePaths() {
        String o = "input=[/data/probabilities] output=[/out/rt_structure_sets x] probability_seg threads=2";
        assertTrue(BatchSegmentFolder.flag(o, "probability_seg"));
        assertTrue(!BatchSegmentFolder.flag(o, "probabilities"), "a folder's name is not the key");
        assertTrue(!BatchSegmentFolder.flag(o, "rt_structure_sets"));
        assertTrue(BatchSegmentFolder.flag("rt_structure_sets", "rt_structure_sets"));
    }

    @Test
    void missingFoldersAreAnErrorTheMacroCanPrint() {
        String r = BatchSegmentFolder.runMacro("input=[/nonexistent] model=ct-abdomen");
        assertTrue(r.startsWith("error: ") && r.contains("output"), r);
    }

    @Test
    void theStoreKeySendsEachSeriesOutputsToThePacs(@TempDir Path dir) throws Exception {
        Phantom p = AbdomenPhantom.generate(new PhantomOptions(402, 128, 4, 0, 5, 5, 1, 15, false), ProgressListener.NONE);
        Files.createDirectories(dir.resolve("in"));
        CtSeriesWriter.write(p.ct(), dir.resolve("in/ct"), "", ProgressListener.NONE);
        try (org.atrous.pacs.StoreScp pacs = org.atrous.pacs.StoreScp.start(dir.resolve("pacs"), false)) {
            String r = BatchSegmentFolder.runMacro("input=[" + dir.resolve("in") + "] output=[" + dir.resolve("out")
                    + "] model=[" + MODEL + "] crf=off threads=1 measurement_sr store=" + pacs.ae + "@127.0.0.1:" + pacs.port);
            assertTrue(r.startsWith("Atrous batch: 1 done"), r);
            assertEquals(2, pacs.files().size(), "the SEG and the measurement SR: " + pacs.files());
        }
        String bad = BatchSegmentFolder.runMacro("input=[" + dir.resolve("in") + "] output=[" + dir.resolve("out2")
                + "] model=[" + MODEL + "] store=PACS@host");
        assertTrue(bad.startsWith("error: store: "), bad);
    }
}
