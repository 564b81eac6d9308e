package org.atrous.dicom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NiftiReaderTest {

    @TempDir
    Path dir;

    /**
     * Expected values come from parsing the 348-byte headers and voxels with python3
     * ({@code gzip} + {@code struct}): case 001 is uint8, dim 35x51x35, pixdim 1, sform
     * rows (1,0,0,1) (0,1,0,1) (0,0,1,1); its labels count 0: 59527, 1: 1324, 2: 1624.
     */
    @Test
    void hippocampusUint8CaseAndLabels() throws IOException {
        Volume img = NiftiReader.read(SharedData.path("msd-hippocampus/imagesTr/hippocampus_001.nii.gz"));
        assertArrayEquals(new int[] {35, 51, 35}, img.geometry().dims());
        assertArrayEquals(new double[] {1, 1, 1}, img.geometry().spacing(), 1e-9);
        // RAS (1, 1, 1) is LPS (-1, -1, 1); RAS +x/+y axes point to LPS -x/-y.
        assertArrayEquals(new double[] {-1, -1, 1}, img.geometry().origin(), 1e-9);
        assertArrayEquals(new double[] {-1, 0, 0, 0, -1, 0, 0, 0, 1}, img.geometry().direction(), 1e-9);
        assertEquals(42f, img.data()[0]);

        LabelVolume labels = NiftiReader.readLabels(
                SharedData.path("msd-hippocampus/labelsTr/hippocampus_001.nii.gz"), List.of());
        long[] h = labels.histogram();
        assertEquals(59527, h[0]);
        assertEquals(1324, h[1]);
        assertEquals(1624, h[2]);
        assertEquals(35L * 51 * 35, h[0] + h[1] + h[2], "labels are exactly {0, 1, 2}");
        assertTrue(labels.geometry().sameGrid(img.geometry(), 1e-6));
    }

    /** Case 003 is float32 (python3: image max 2776.8801, first voxel 387.33307; labels 0: 58527, 1: 1550, 2: 1803). */
    @Test
    void hippocampusFloat32Case() throws IOException {
        Volume img = NiftiReader.read(SharedData.path("msd-hippocampus/imagesTr/hippocampus_003.nii.gz"));
        assertArrayEquals(new int[] {34, 52, 35}, img.geometry().dims());
        assertEquals(387.33307f, img.data()[0], 1e-4);
        assertEquals(339.66129f, img.get(1, 2, 3), 1e-4);
        assertEquals(2776.8801, img.stats()[1], 1e-3);
        long[] h = NiftiReader.readLabels(SharedData.path("msd-hippocampus/labelsTr/hippocampus_003.nii.gz"), List.of()).histogram();
        assertArrayEquals(new long[] {58527, 1550, 1803}, new long[] {h[0], h[1], h[2]});
    }

    @Test
    void int16WithScalingAndQform() throws IOException {
        // qform: 90 degrees about z (quaternion b=c=0, d=sin 45), pixdim 2, 3, 4, offset (10, 20, 30), qfac -1.
        ByteBuffer b = header(new int[] {2, 2, 2}, 4, 16);
        b.putShort(252, (short) 1);
        b.putFloat(76, -1).putFloat(80, 2).putFloat(84, 3).putFloat(88, 4);
        b.putFloat(264, (float) Math.sqrt(0.5));
        b.putFloat(268, 10).putFloat(272, 20).putFloat(276, 30);
        b.putFloat(112, 0.5f).putFloat(116, -3);
        for (int i = 0; i < 8; i++) b.putShort(352 + 2 * i, (short) (i * 100 - 200));
        Path p = write(b, "q.nii.gz", true);

        Volume v = NiftiReader.read(p);
        assertEquals(-200 * 0.5 - 3, v.data()[0], 1e-6);
        IOException notLabels = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> NiftiReader.readLabels(p, List.of()));
        assertTrue(notLabels.getMessage().endsWith("not a label map (voxel 0 has value -103.0)"), notLabels.getMessage());
        assertEquals(500 * 0.5 - 3, v.get(1, 1, 1), 1e-6);
        assertArrayEquals(new double[] {2, 3, 4}, v.geometry().spacing(), 1e-6);
        assertArrayEquals(new double[] {-10, -20, 30}, v.geometry().origin(), 1e-6);
        // i runs along RAS +y (LPS -y), j along RAS -x (LPS +x), k along RAS -z (qfac -1).
        assertArrayEquals(new double[] {0, -1, 0, 1, 0, 0, 0, 0, -1}, v.geometry().direction(), 1e-6);
    }

    @Test
    void truncatedAndForeignFilesFailClearly() throws IOException {
        ByteBuffer b = header(new int[] {4, 4, 4}, 16, 32);
        Path shortFile = write(ByteBuffer.wrap(java.util.Arrays.copyOf(b.array(), 360)), "short.nii", false);
        IOException e = assertThrows(IOException.class, () -> NiftiReader.read(shortFile));
        assertTrue(e.getMessage().contains("shorter than the header requires"), e.getMessage());
        Path text = Files.writeString(dir.resolve("x.nii"), "hello".repeat(100));
        assertTrue(assertThrows(IOException.class, () -> NiftiReader.read(text)).getMessage().contains("not a NIfTI-1"));
    }

    private static ByteBuffer header(int[] dims, int datatype, int bitpix) {
        int n = dims[0] * dims[1] * dims[2];
        ByteBuffer b = ByteBuffer.allocate(352 + n * bitpix / 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 348);
        b.putShort(40, (short) 3);
        for (int i = 0; i < 3; i++) b.putShort(42 + 2 * i, (short) dims[i]);
        b.putShort(70, (short) datatype).putShort(72, (short) bitpix);
        for (int i = 1; i <= 3; i++) b.putFloat(76 + 4 * i, 1);
        b.putFloat(108, 352);
        b.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
        return b;
    }

    private Path write(ByteBuffer b, String name, boolean gzip) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
            out.write(b.array());
        }
        return p;
    }
}
