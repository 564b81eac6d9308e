package org.atrous.dicom.codec;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.junit.jupiter.api.Test;

class JpegDctDecoderTest {

    /** An 8-bit greyscale image with edges, gradients and noise, of a size that is no multiple of 8. */
    private static BufferedImage testImage(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        SplittableRandom r = new SplittableRandom(7);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = (x * 3 + y) % 256;
                if ((x - 30) * (x - 30) + (y - 20) * (y - 20) < 200) v = 240;
                v = Math.max(0, Math.min(255, v + r.nextInt(-10, 11)));
                img.getRaster().setSample(x, y, 0, v);
            }
        }
        return img;
    }

    private static byte[] jdkJpeg(BufferedImage img, float quality) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            w.setOutput(out);
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            w.write(null, new IIOImage(img, null, null), p);
        }
        return bytes.toByteArray();
    }

    @Test
    void anEightBitBaselineJpegDecodesAsTheJdkDecodesIt() throws Exception {
        for (float quality : new float[] {0.5f, 0.95f}) {
            byte[] jpeg = jdkJpeg(testImage(77, 45), quality);
            BufferedImage jdk = ImageIO.read(new ByteArrayInputStream(jpeg));
            JpegDctDecoder.Image ours = JpegDctDecoder.decode(jpeg);
            assertEquals(77, ours.width());
            assertEquals(45, ours.height());
            assertEquals(8, ours.precision());
            int maxDiff = 0;
            for (int y = 0; y < 45; y++) {
                for (int x = 0; x < 77; x++) {
                    maxDiff = Math.max(maxDiff, Math.abs(ours.samples()[y * 77 + x] - jdk.getRaster().getSample(x, y, 0)));
                }
            }
            // T.81 allows inverse DCTs to differ; libjpeg's integer one and this exact one differ by rounding only
            assertTrue(maxDiff <= 1, "quality " + quality + ": largest difference " + maxDiff);
        }
    }

    @Test
    void brokenCodeStreamsAreRefusedWithAReason() throws Exception {
        byte[] jpeg = jdkJpeg(testImage(40, 24), 0.9f);
        IOException notJpeg = assertThrows(IOException.class, () -> JpegDctDecoder.decode(new byte[] {1, 2, 3}));
        assertTrue(notJpeg.getMessage().contains("SOI"), notJpeg.getMessage());
        IOException cut = assertThrows(IOException.class, () -> JpegDctDecoder.decode(Arrays.copyOf(jpeg, jpeg.length / 2)));
        assertNotNull(cut.getMessage());
        BufferedImage rgb = new BufferedImage(16, 16, BufferedImage.TYPE_3BYTE_BGR);
        IOException colour = assertThrows(IOException.class, () -> JpegDctDecoder.decode(jdkJpeg(rgb, 0.9f)));
        assertTrue(colour.getMessage().contains("3 components"), colour.getMessage());
    }
}
