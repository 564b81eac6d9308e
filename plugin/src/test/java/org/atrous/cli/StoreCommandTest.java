package org.atrous.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.atrous.dicom.CtSeriesWriter;
import org.atrous.pacs.StoreScp;
import org.atrous.phantom.AbdomenPhantom;
import org.atrous.phantom.Phantom;
import org.atrous.phantom.PhantomOptions;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code store}, {@code segment --store} and {@code batch --store} against DCMTK's storescp,
 * and against a port where nothing listens: the outputs stay on disk and the failure is reported.
 */
class StoreCommandTest {

    @TempDir Path dir;

    private Path series() throws Exception {
        Phantom p = AbdomenPhantom.generate(new PhantomOptions(51, 128, 4, 0, 8, 8, 1, 15, false), ProgressListener.NONE);
        Path ct = dir.resolve("in/ct");
        Files.createDirectories(ct.getParent());
        CtSeriesWriter.write(p.ct(), ct, "", ProgressListener.NONE);
        return ct;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void segmentSendsItsSegAndSrAndStoreSendsFolders() throws Exception {
        Path ct = series(), out = dir.resolve("out");
        try (StoreScp pacs = StoreScp.start(dir.resolve("pacs"), false)) {
            String node = pacs.ae + "@127.0.0.1:" + pacs.port;
            assertEquals(0, AtrousCli.commandLine().execute("segment", "--model", "../model-zoo/ct-abdomen.json",
                    "--input", ct.toString(), "--out", out.toString(), "--crf", "off", "--outputs", "seg,sr,stats",
                    "--store", node));
            assertEquals(2, pacs.files().size(), "seg.dcm and measurements-sr.dcm: " + pacs.files());

            CliRun again = CliRun.of("store", "--to", node, out.toString());
            assertEquals(0, again.exit(), again.err());
            assertTrue(again.out().contains("stored 2 of 2 files to " + node), again.out());
            assertTrue(again.err().isEmpty() || !again.err().contains("not stored"), again.err());
        }
        CliRun down = CliRun.of("store", "--to", "PACS@127.0.0.1:" + closedPort(), out.resolve("seg.dcm").toString());
        assertEquals(1, down.exit());
        assertTrue(down.err().contains("cannot reach PACS@127.0.0.1"), down.err());
        assertTrue(Files.size(out.resolve("seg.dcm")) > 0, "nothing is deleted");
        assertEquals(2, CliRun.of("store", "--to", "no-port-here", out.toString()).exit(), "a malformed node is a usage error");
        assertEquals(2, CliRun.of("segment", "--model", "../model-zoo/ct-abdomen.json", "--input", ct.toString(),
                "--out", dir.resolve("x").toString(), "--store", "PACS@host").exit());
    }

    @Test
    void aBatchWhosePacsIsDownFailsItsSeriesKeepsTheOutputsAndSaysWhy() throws Exception {
        series();
        Path out = dir.resolve("batch");
        int exit = AtrousCli.commandLine().execute("batch", "--input", dir.resolve("in").toString(), "--output",
                out.toString(), "--model", "../model-zoo/ct-abdomen.json", "--crf", "off", "--threads", "1", "--sr",
                "--quiet", "--store", "PACS@127.0.0.1:" + closedPort());
        assertEquals(1, exit, "a series failed");
        List<String> report = Files.readAllLines(out.resolve("report.csv"));
        String row = report.get(1);
        assertTrue(row.contains("failed") && row.contains("but stored 0 of 2 files to PACS@127.0.0.1"), row);
        try (var s = Files.list(out.resolve("series"))) {
            Path series = s.filter(Files::isDirectory).findFirst().orElseThrow();
            assertTrue(Files.size(series.resolve("seg.dcm")) > 0 && Files.size(series.resolve("measurements-sr.dcm")) > 0,
                    "the outputs are kept for a later store");
        }
    }
}
