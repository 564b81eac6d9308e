package org.atrous.dicom;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.IntFunction;
import java.util.zip.GZIPOutputStream;

/**
 * Writes NIfTI-1 single files ({@code .nii.gz}, or {@code .nii} when the name says so): label
 * volumes as uint8 for training, images as float32. The voxel-to-world transform is the
 * {@link Geometry} turned from DICOM LPS into NIfTI's RAS (x and y negated), stored as both
 * sform and qform (code 1, scanner coordinates), so NIfTI readers put the voxels where the
 * DICOM series has them.
 */
public final class NiftiWriter {
    private static final int HEADER = 348, VOX_OFFSET = 352;

    private NiftiWriter() { }

    public static void writeLabels(LabelVolume labels, Path file) throws IOException {
        write(labels.geometry(), 2, 8, "atrous labels", file, out -> out.write(labels.labels()));
    }

    public static void writeImage(Volume v, Path file) throws IOException {
        write(v.geometry(), 16, 32, "atrous " + v.modality(), file, out -> {
            ByteBuffer b = ByteBuffer.allocate(4 * 65536).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : v.data()) {
                if (!b.hasRemaining()) flush(b, out);
                b.putFloat(f);
            }
            flush(b, out);
        });
    }

    /**
     * A 4-D volume of {@code channels} byte planes on {@code g}'s grid (dim[4] = channels),
     * stored value times {@code slope} being the real value: for per-class probabilities.
     */
    public static void writeByteChannels(Geometry g, IntFunction<byte[]> channel, int channels, float slope,
                                         String description, Path file) throws IOException {
        ByteBuffer h = ByteBuffer.wrap(header(g, 2, 8, description)).order(ByteOrder.LITTLE_ENDIAN);
        h.putShort(40, (short) 4);
        h.putShort(48, (short) channels);
        h.putFloat(112, slope);
        writeWithHeader(h.array(), file, out -> {
            for (int c = 0; c < channels; c++) out.write(channel.apply(c));
        });
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static void flush(ByteBuffer b, OutputStream out) throws IOException {
        out.write(b.array(), 0, b.position());
        b.clear();
    }

    private static void write(Geometry g, int datatype, int bitpix, String description, Path file, Body body)
            throws IOException {
        writeWithHeader(header(g, datatype, bitpix, description), file, body);
    }

    private static void writeWithHeader(byte[] header, Path file, Body body) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        boolean gzip = !file.getFileName().toString().endsWith(".nii");
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
             OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw) {
            out.write(header);
            body.write(out);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    static byte[] header(Geometry g, int datatype, int bitpix, String description) {
        ByteBuffer h = ByteBuffer.allocate(VOX_OFFSET).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0, HEADER);
        short[] dim = {3, (short) g.nx(), (short) g.ny(), (short) g.nz(), 1, 1, 1, 1};
        for (int i = 0; i < 8; i++) h.putShort(40 + 2 * i, dim[i]);
        h.putShort(70, (short) datatype);
        h.putShort(72, (short) bitpix);
        double[][] m = rasAffine(g);
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) r[i][j] = m[i][j] / g.spacing()[j];
        double qfac = det(r) < 0 ? -1 : 1;
        for (int i = 0; i < 3; i++) r[i][2] *= qfac;
        float[] pixdim = {(float) qfac, (float) g.spacing()[0], (float) g.spacing()[1], (float) g.spacing()[2], 1, 1, 1, 1};
        for (int i = 0; i < 8; i++) h.putFloat(76 + 4 * i, pixdim[i]);
        h.putFloat(108, VOX_OFFSET);
        h.putFloat(112, 1);
        h.put(123, (byte) 2); // millimetres
        byte[] d = description.getBytes(StandardCharsets.US_ASCII);
        h.put(148, d, 0, Math.min(79, d.length));
        h.putShort(252, (short) 1);
        h.putShort(254, (short) 1);
        double[] q = quaternion(r);
        h.putFloat(256, (float) q[1]);
        h.putFloat(260, (float) q[2]);
        h.putFloat(264, (float) q[3]);
        for (int i = 0; i < 3; i++) h.putFloat(268 + 4 * i, (float) m[i][3]);
        for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) h.putFloat(280 + 16 * i + 4 * j, (float) m[i][j]);
        h.put(344, "n+1\0".getBytes(StandardCharsets.US_ASCII));
        return h.array();
    }

    /** Voxel index to RAS millimetres, rows x, y, z of a 3×4 matrix. */
    static double[][] rasAffine(Geometry g) {
        double[] d = g.direction(), s = g.spacing(), o = g.origin();
        double[][] m = new double[3][4];
        for (int i = 0; i < 3; i++) {
            double sign = i < 2 ? -1 : 1;
            for (int j = 0; j < 3; j++) m[i][j] = sign * d[3 * j + i] * s[j];
            m[i][3] = sign * o[i];
        }
        return m;
    }

    private static double det(double[][] r) {
        return r[0][0] * (r[1][1] * r[2][2] - r[1][2] * r[2][1]) - r[0][1] * (r[1][0] * r[2][2] - r[1][2] * r[2][0])
                + r[0][2] * (r[1][0] * r[2][1] - r[1][1] * r[2][0]);
    }

    /** Unit quaternion (a, b, c, d) of a proper rotation matrix, a ≥ 0 as NIfTI expects. */
    private static double[] quaternion(double[][] r) {
        double a = 1 + r[0][0] + r[1][1] + r[2][2], b, c, d;
        if (a > 0.5) {
            a = 0.5 * Math.sqrt(a);
            b = 0.25 * (r[2][1] - r[1][2]) / a;
            c = 0.25 * (r[0][2] - r[2][0]) / a;
            d = 0.25 * (r[1][0] - r[0][1]) / a;
        } else {
            double xd = 1 + r[0][0] - (r[1][1] + r[2][2]), yd = 1 + r[1][1] - (r[0][0] + r[2][2]),
                    zd = 1 + r[2][2] - (r[0][0] + r[1][1]);
            if (xd > 1) {
                b = 0.5 * Math.sqrt(xd);
                c = 0.25 * (r[0][1] + r[1][0]) / b;
                d = 0.25 * (r[0][2] + r[2][0]) / b;
                a = 0.25 * (r[2][1] - r[1][2]) / b;
            } else if (yd > 1) {
                c = 0.5 * Math.sqrt(yd);
                b = 0.25 * (r[0][1] + r[1][0]) / c;
                d = 0.25 * (r[1][2] + r[2][1]) / c;
                a = 0.25 * (r[0][2] - r[2][0]) / c;
            } else {
                d = 0.5 * Math.sqrt(zd);
                b = 0.25 * (r[0][2] + r[2][0]) / d;
                c = 0.25 * (r[1][2] + r[2][1]) / d;
                a = 0.25 * (r[1][0] - r[0][1]) / d;
            }
            if (a < 0) { a = -a; b = -b; c = -c; d = -d; }
        }
        return new double[] {a, b, c, d};
    }
}
