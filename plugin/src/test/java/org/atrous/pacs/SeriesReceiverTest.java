package org.atrous.pacs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import org.atrous.dicom.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's Storage SCP, driven by DCMTK's echoscu and storescu: it answers C-ECHO, takes a
 * JPEG-LS image as sent (Atrous decodes it; no conversion asked of the sender), files it by series,
 * and hands the series out once quiet.
 */
class SeriesReceiverTest {

    @Test
    void aCompressedImageIsTakenAsSentAndFiledByItsSeries(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path jls = SharedData.path("dicom-real/pydicom/MR_small_jpeg_ls_lossless.dcm");
        try (SeriesReceiver r = new SeriesReceiver(port, "ATROUS", dir.resolve("incoming"))) {
            assertEquals(0, run("echoscu", "-aec", "ATROUS", "127.0.0.1", Integer.toString(port)));
            assertEquals(0, run("storescu", "-xt", "-aec", "ATROUS", "127.0.0.1", Integer.toString(port), jls.toString()));
            List<Path> quiet = List.of();
            for (int i = 0; i < 100 && quiet.isEmpty(); i++) {
                Thread.sleep(100);
                quiet = r.quietSeries(0.3);
            }
            assertEquals(1, quiet.size());
            AttributeList sent = new AttributeList();
            sent.read(jls.toFile(), TagFromName.PixelData);
            assertEquals(sent.get(TagFromName.SeriesInstanceUID).getSingleStringValueOrEmptyString(),
                    quiet.get(0).getFileName().toString());
            try (var files = Files.list(quiet.get(0))) {
                Path got = files.findFirst().orElseThrow();
                AttributeList meta = new AttributeList();
                meta.readOnlyMetaInformationHeader(got.toFile());
                assertEquals("1.2.840.10008.1.2.4.80", meta.get(TagFromName.TransferSyntaxUID).getSingleStringValueOrEmptyString(),
                        "kept in JPEG-LS as sent");
            }
            assertTrue(r.quietSeries(0.3).isEmpty(), "handed out once");
        }
    }

    private static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
