package org.atrous.dicom;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NiftiWriterTest {
    @TempDir Path dir;

    @Test
    void labelsCarryTheirGridAsRasAffine() throws Exception {
        Geometry g = new Geometry(new int[] {4, 3, 2}, new double[] {0.8, 0.8, 2.5}, new double[] {-100, -50, 20},
                new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        byte[] l = new byte[24];
        for (int i = 0; i < l.length; i++) l[i] = (byte) (i % 3);
        Path f = dir.resolve("labels.nii.gz");
        NiftiWriter.writeLabels(new LabelVolume(l, g, List.of()), f);
        byte[] all = gunzip(f);
        ByteBuffer h = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(348, h.getInt(0));
        assertEquals(4, h.getShort(42));
        assertEquals(3, h.getShort(44));
        assertEquals(2, h.getShort(46));
        assertEquals(2, h.getShort(70)); // uint8
        assertEquals("n+1", new String(all, 344, 3, java.nio.charset.StandardCharsets.US_ASCII));
        // srow: LPS (-100, -50, 20) is RAS (100, 50, 20); x and y axes flip sign
        assertEquals(-0.8f, h.getFloat(280), 1e-6);
        assertEquals(100f, h.getFloat(292), 1e-4);
        assertEquals(-0.8f, h.getFloat(300), 1e-6);
        assertEquals(50f, h.getFloat(308), 1e-4);
        assertEquals(2.5f, h.getFloat(320), 1e-6);
        assertEquals(20f, h.getFloat(324), 1e-4);
        // qform agrees: quaternion of diag(-1,-1,1) is (0,0,0,1) with qfac 1
        assertEquals(1f, h.getFloat(264), 1e-6);
        assertEquals(1f, h.getFloat(76), 1e-6);
        byte[] data = java.util.Arrays.copyOfRange(all, 352, all.length);
        assertArrayEquals(l, data);
    }

    @Test
    void probabilityChannelsAreAFourDimensionalByteVolumeWithSlope() throws Exception {
        Geometry g = new Geometry(new int[] {3, 2, 2}, new double[] {1, 1, 3}, new double[] {0, 0, 0},
                new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        org.atrous.model.ProbabilityVolume p = new org.atrous.model.ProbabilityVolume(g, 3);
        for (int i = 0; i < 12; i++) {
            p.set(0, i, 0.5f);
            p.set(1, i, i / 12f);
            p.set(2, i, 0.5f - i / 12f);
        }
        Path f = dir.resolve("probabilities.nii.gz");
        NiftiWriter.writeByteChannels(g, p::quantised, 3, 1f / 255, "atrous p: background,a,b", f);
        byte[] all = gunzip(f);
        ByteBuffer h = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        // dim[0..4] = 4 dimensions: x 3, y 2, z 2, channels 3; datatype 2 (uint8)
        short[] dim = new short[5];
        for (int k = 0; k < 5; k++) dim[k] = h.getShort(40 + 2 * k);
        assertArrayEquals(new short[] {4, 3, 2, 2, 3}, dim);
        assertEquals(2, h.getShort(70));
        assertEquals(1f / 255, h.getFloat(112), 1e-9);
        assertEquals(352 + 36, all.length);
        // voxel 5 of channel 1 (x fastest, channel slowest): 5/12 of 255, rounded
        assertEquals(Math.round(5 / 12f * 255), all[352 + 12 + 5] & 0xff);
        assertEquals(128, all[352 + 7] & 0xff);
        assertTrue(new String(all, 148, 24, java.nio.charset.StandardCharsets.US_ASCII).startsWith("atrous p: background,a,b"));
    }

    private static byte[] gunzip(Path f) throws java.io.IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
            return in.readAllBytes();
        }
    }
}
