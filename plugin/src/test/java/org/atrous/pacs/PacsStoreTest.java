package org.atrous.pacs;

import static org.junit.jupiter.api.Assertions.*;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import org.atrous.dicom.SegmentationAlgorithm;
import org.atrous.phantom.AbdomenPhantom;
import org.atrous.phantom.Phantom;
import org.atrous.phantom.PhantomOptions;
import org.atrous.pipeline.OutputKind;
import org.atrous.pipeline.PipelineResult;
import org.atrous.pipeline.SeriesOutputs;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PacsStoreTest {

    @TempDir Path dir;

    /** A phantom's DICOM outputs, as segment writes them, with the ground truth as the result. */
    private Path outputs(String name, Set<OutputKind> kinds) throws Exception {
        Phantom p = AbdomenPhantom.generate(new PhantomOptions(41, 128, 4, 0, 8, 8, 1, 15, false), ProgressListener.NONE);
        PipelineResult r = org.atrous.pipeline.TruthResults.of(p);
        Path out = dir.resolve(name);
        SeriesOutputs.write(r, new SegmentationAlgorithm(false, "Atrous", "test", "test"), kinds, out);
        return out;
    }

    @Test
    void theDicomOutputsReachAnIndependentStorageScpUnchanged() throws Exception {
        Path out = outputs("series", EnumSet.of(OutputKind.SEG, OutputKind.SR, OutputKind.RTSTRUCT, OutputKind.STATS));
        List<Path> files = SeriesOutputs.dicomObjects(out);
        assertEquals(3, files.size(), files.toString());
        try (StoreScp pacs = StoreScp.start(dir.resolve("received"), false)) {
            List<PacsStore.Outcome> sent = PacsStore.send(pacs.node(), files);
            assertTrue(sent.stream().allMatch(PacsStore.Outcome::stored), sent.toString());
            Set<String> sentUids = new HashSet<>(), receivedUids = new HashSet<>();
            for (Path f : files) sentUids.add(uid(f));
            for (Path f : pacs.files()) receivedUids.add(uid(f));
            assertEquals(sentUids, receivedUids, "the SEG, SR and RT Structure Set arrived");
            Path seg = pacs.files().stream().filter(f -> uid(f).equals(uid(out.resolve("seg.dcm")))).findFirst().orElseThrow();
            assertArrayEquals(read(out.resolve("seg.dcm")).getPixelData().getByteValues(), read(seg).getPixelData().getByteValues());
        }
    }

    @Test
    void aDeflatedSegReachesNodesWithAndWithoutDeflate() throws Exception {
        Path deflated = outputs("deflated", EnumSet.of(OutputKind.SEG, OutputKind.PROBABILITY_SEG));
        try (StoreScp pacs = StoreScp.start(dir.resolve("with-deflate"), true)) {
            List<PacsStore.Outcome> sent = PacsStore.send(pacs.node(), SeriesOutputs.dicomObjects(deflated));
            assertTrue(sent.stream().allMatch(PacsStore.Outcome::stored), sent.toString());
        }
        try (StoreScp pacs = StoreScp.start(dir.resolve("no-deflate"), false)) {
            List<PacsStore.Outcome> sent = PacsStore.send(pacs.node(), SeriesOutputs.dicomObjects(deflated));
            // PixelMed's SCU inflates the FRACTIONAL SEG for a node that does not take deflate
            assertTrue(sent.stream().allMatch(PacsStore.Outcome::stored), sent.toString());
            String probUid = uid(deflated.resolve("probabilities-seg.dcm"));
            Path received = pacs.files().stream().filter(f -> uid(f).equals(probUid)).findFirst().orElseThrow();
            AttributeList meta = new AttributeList();
            meta.readOnlyMetaInformationHeader(received.toFile());
            assertEquals("1.2.840.10008.1.2.1", Attribute.getSingleStringValueOrEmptyString(meta, TagFromName.TransferSyntaxUID),
                    "received as Explicit VR Little Endian");
            assertArrayEquals(read(deflated.resolve("probabilities-seg.dcm")).getPixelData().getByteValues(),
                    read(received).getPixelData().getByteValues(), "the same probabilities");
        }
    }

    @Test
    void anUnreachableNodeFailsEveryFileWithTheReasonAndDeletesNothing() throws Exception {
        Path out = outputs("series", EnumSet.of(OutputKind.SEG, OutputKind.SR));
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        List<Path> files = SeriesOutputs.dicomObjects(out);
        List<PacsStore.Outcome> sent = PacsStore.send(new PacsNode("NOBODY", "127.0.0.1", closed, "ATROUS"), files);
        assertEquals(2, sent.size());
        for (PacsStore.Outcome o : sent) {
            assertFalse(o.stored());
            assertTrue(o.reason().startsWith("cannot reach NOBODY@127.0.0.1:" + closed), o.reason());
        }
        for (Path f : files) assertTrue(Files.size(f) > 0, "kept " + f);
        Path notDicom = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertEquals("not a DICOM file with a meta header", PacsStore.send(new PacsNode("X", "127.0.0.1", closed, "ATROUS"),
                List.of(notDicom)).get(0).reason());
    }

    @Test
    void aNodeThatAcceptsTheConnectionButNeverAnswersIsGivenUpOn() throws Exception {
        Path out = outputs("series", EnumSet.of(OutputKind.SEG));
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread accept = new Thread(() -> {
                try {
                    java.net.Socket s = silent.accept(); // holds the connection open, says nothing
                    Thread.sleep(30_000);
                    s.close();
                } catch (Exception ignored) {
                    // the test is over
                }
            });
            accept.setDaemon(true);
            accept.start();
            long t0 = System.nanoTime();
            List<PacsStore.Outcome> sent = PacsStore.send(new PacsNode("SILENT", "127.0.0.1", silent.getLocalPort(), "ATROUS"),
                    SeriesOutputs.dicomObjects(out), 2_000);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(seconds < 10, "gave up after " + seconds + " s");
            assertFalse(sent.get(0).stored());
            assertTrue(sent.get(0).reason().startsWith("no answer from SILENT@127.0.0.1"), sent.get(0).reason());
        }
        assertTrue(PacsStore.answerTimeoutMs(List.of()) >= 120_000, "two minutes at least by default");
    }

    /** The check a batch or a node makes at its start: an independent SCP answers; refusing, absent or silent ones are named. */
    @Test
    void aVerificationSaysWhetherTheNodeAnswers() throws Exception {
        try (StoreScp pacs = StoreScp.start(dir.resolve("echo"), false)) {
            assertEquals(null, PacsStore.echo(pacs.node()));
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process refusing = new ProcessBuilder("storescp", "--refuse", Integer.toString(port)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("refusing.log").toFile()).start();
        try {
            PacsNode node = new PacsNode("TESTPACS", "127.0.0.1", port, "ATROUS");
            String why = null;
            for (int i = 0; i < 50 && (why == null || why.startsWith("cannot reach")); i++) { // until it listens
                Thread.sleep(100);
                why = PacsStore.echo(node);
            }
            assertTrue(why != null && why.startsWith("TESTPACS@127.0.0.1:" + port + " refused a verification (C-ECHO) from"
                    + " ATROUS: "), why);
        } finally {
            refusing.destroy();
            refusing.waitFor();
        }
        String closed = PacsStore.echo(new PacsNode("TESTPACS", "127.0.0.1", port, "ATROUS"));
        assertTrue(closed.startsWith("cannot reach TESTPACS@127.0.0.1:" + port + ": "), closed);
        try (ServerSocket silent = new ServerSocket(0)) {
            String why = PacsStore.echo(new PacsNode("TESTPACS", "127.0.0.1", silent.getLocalPort(), "ATROUS"), 1500);
            assertEquals("TESTPACS@127.0.0.1:" + silent.getLocalPort() + " did not answer a verification (C-ECHO) within 1 s",
                    why);
        }
    }

    @Test
    void nodeSpecificationsAreCheckedAsTheStandardAsks() {
        PacsNode n = PacsNode.parse("ARCHIVE@pacs.example.org:11112", "ATROUS");
        assertEquals(new PacsNode("ARCHIVE", "pacs.example.org", 11112, "ATROUS"), n);
        assertEquals("ARCHIVE@pacs.example.org:11112", n.toString());
        for (String bad : List.of("pacs.example.org:104", "ARCHIVE@host", "ARCHIVE@host:0", "ARCHIVE@host:70000",
                "SEVENTEEN_CHARS_AE@host:104", "A\\B@host:104")) {
            assertThrows(IllegalArgumentException.class, () -> PacsNode.parse(bad, "ATROUS"), bad);
        }
    }

    private static String uid(Path f) {
        try {
            return Attribute.getSingleStringValueOrEmptyString(read(f), TagFromName.SOPInstanceUID);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static AttributeList read(Path f) throws Exception {
        AttributeList l = new AttributeList();
        l.read(f.toString());
        return l;
    }
}
