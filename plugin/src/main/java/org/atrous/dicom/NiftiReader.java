package org.atrous.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads 3-D NIfTI-1 files ({@code .nii}, {@code .nii.gz}), since public labelled datasets come
 * as NIfTI. Values get scl_slope/scl_inter; the sform (else the qform, else pixdim alone) gives
 * the grid, converted from NIfTI's RAS+ world to DICOM's LPS patient coordinates.
 */
public final class NiftiReader {

    private static final int HEADER_SIZE = 348;

    private NiftiReader() { }

    /** True for a file named as NIfTI-1 is ({@code .nii}, {@code .nii.gz}). */
    public static boolean isNifti(Path file) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".nii") || n.endsWith(".nii.gz");
    }

    public static Volume read(Path path) throws IOException {
        ByteBuffer buf = load(path);
        NiftiHeader h = NiftiHeader.parse(buf, path);
        float[] data = voxels(buf, h, path);
        return new Volume(data, h.geometry(), SeriesIdentity.ofModality(""), List.of(), null, List.of());
    }

    /** A label map: every value must be a whole number 0..255. */
    public static LabelVolume readLabels(Path path, List<SegmentClass> classes) throws IOException {
        ByteBuffer buf = load(path);
        NiftiHeader h = NiftiHeader.parse(buf, path);
        return new LabelVolume(labelVoxels(buf, h, path), h.geometry(), classes);
    }

    /**
     * The voxels as labels, decoded straight to bytes: a 512×512×1000 map then needs its bytes,
     * not a float volume four times their size first.
     */
    private static byte[] labelVoxels(ByteBuffer buf, NiftiHeader h, Path path) throws IOException {
        byte[] labels = new byte[Math.toIntExact(checkedCount(buf, h, path))];
        ByteBuffer b = buf.duplicate().order(buf.order());
        b.position(h.voxOffset());
        for (int i = 0; i < labels.length; i++) {
            double f = h.scale(h.datatype().next(b));
            if (f != Math.rint(f) || f < 0 || f > 255) {
                throw new IOException(path + ": not a label map (voxel " + i + " has value " + (float) f + ")");
            }
            labels[i] = (byte) (int) f;
        }
        return labels;
    }

    private static ByteBuffer load(Path path) throws IOException {
        byte[] bytes;
        try (InputStream raw = Files.newInputStream(path)) {
            InputStream in = raw.markSupported() ? raw : new java.io.BufferedInputStream(raw);
            in.mark(2);
            boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            bytes = (gzip ? new GZIPInputStream(in, 1 << 16) : in).readAllBytes();
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new IOException(path + ": corrupt gzip stream: " + e.getMessage(), e);
        }
        if (bytes.length < HEADER_SIZE) throw new IOException(path + ": too short for a NIfTI-1 header");
        return ByteBuffer.wrap(bytes);
    }

    private static long checkedCount(ByteBuffer buf, NiftiHeader h, Path path) throws IOException {
        long count = h.voxelCount();
        long need = h.voxOffset() + count * h.bytesPerVoxel();
        if (need > buf.capacity()) {
            throw new IOException(path + ": voxel data shorter than the header requires (" + buf.capacity()
                    + " bytes, " + need + " needed)");
        }
        return count;
    }

    private static float[] voxels(ByteBuffer buf, NiftiHeader h, Path path) throws IOException {
        float[] out = new float[Math.toIntExact(checkedCount(buf, h, path))];
        ByteBuffer b = buf.duplicate().order(buf.order());
        b.position(h.voxOffset());
        for (int i = 0; i < out.length; i++) out[i] = (float) h.scale(h.datatype().next(b));
        return out;
    }

    /** Voxel types of NIfTI-1 and how to read one value. */
    enum Datatype {
        UINT8(2, 1), INT16(4, 2), INT32(8, 4), FLOAT32(16, 4), FLOAT64(64, 8),
        INT8(256, 1), UINT16(512, 2), UINT32(768, 4);

        final int code;
        final int bytes;

        Datatype(int code, int bytes) {
            this.code = code;
            this.bytes = bytes;
        }

        static Datatype of(int code) {
            for (Datatype d : values()) if (d.code == code) return d;
            return null;
        }

        double next(ByteBuffer b) {
            return switch (this) {
                case UINT8 -> b.get() & 0xff;
                case INT8 -> b.get();
                case INT16 -> b.getShort();
                case UINT16 -> b.getShort() & 0xffff;
                case INT32 -> b.getInt();
                case UINT32 -> b.getInt() & 0xffffffffL;
                case FLOAT32 -> b.getFloat();
                case FLOAT64 -> b.getDouble();
            };
        }
    }
}
