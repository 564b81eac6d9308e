package org.atrous.dicom.codec;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A damaged file in an archive must cost one rejection, not a hung or crashed batch: code
 * streams with random bytes overwritten either decode (to the frame's size) or fail with an
 * exception, and always finish.
 */
class CorruptCodeStreamTest {

    interface Decoder {
        JpegDctDecoder.Image decode(byte[] data) throws IOException;
    }

    private static void corruptAndDecode(byte[] good, Decoder d, int width, int height) {
        SplittableRandom r = new SplittableRandom(11);
        int decoded = 0, refused = 0;
        for (int trial = 0; trial < 300; trial++) {
            byte[] bad = good.clone();
            int hits = 1 + r.nextInt(8);
            for (int h = 0; h < hits; h++) bad[r.nextInt(bad.length)] = (byte) r.nextInt(256);
            try {
                JpegDctDecoder.Image img = d.decode(bad);
                assertEquals(img.width() * img.height(), img.samples().length);
                decoded++;
            } catch (IOException | RuntimeException e) {
                refused++; // OwnCodecs turns either into a rejection with the reason
            }
        }
        assertEquals(300, decoded + refused);
        assertTrue(refused > 0, "some corruptions are detected");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void corruptJpegEitherDecodesOrIsRefused() throws Exception {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 48; y++) for (int x = 0; x < 64; x++) img.getRaster().setSample(x, y, 0, (x * 7 + y * 3) % 256);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", b);
        corruptAndDecode(b.toByteArray(), JpegDctDecoder::decode, 64, 48);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void corruptJpegLsEitherDecodesOrIsRefused() throws Exception {
        Path f = org.atrous.dicom.SharedData.path("dicom-real/pydicom/MR_small_jpeg_ls_lossless.dcm");
        com.pixelmed.dicom.AttributeList l = new com.pixelmed.dicom.AttributeList();
        l.setDecompressPixelData(false);
        l.read(f.toString());
        byte[] frame = ((com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames) l.getPixelData())
                .getByteValuesForSelectedFrame(0);
        assertTrue(Files.exists(f));
        corruptAndDecode(frame, JpegLsDecoder::decode, 64, 64);
        // a frame header that disagrees with the DICOM header is refused before its samples are allocated
        IOException size = assertThrows(IOException.class, () -> JpegLsDecoder.decode(frame, 512, 512));
        assertTrue(size.getMessage().contains("64x64 where Columns x Rows say 512x512"), size.getMessage());
    }
}
