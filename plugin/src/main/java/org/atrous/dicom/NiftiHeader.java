package org.atrous.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** The fields of a NIfTI-1 header that define the voxel grid and values. */
record NiftiHeader(int[] dims, NiftiReader.Datatype datatype, int voxOffset, double slope, double intercept,
                   Geometry geometry) {

    long voxelCount() { return (long) dims[0] * dims[1] * dims[2]; }

    int bytesPerVoxel() { return datatype.bytes; }

    double scale(double stored) {
        return slope != 0 && Double.isFinite(slope) ? stored * slope + intercept : stored;
    }

    static NiftiHeader parse(ByteBuffer buf, Path path) throws IOException {
        buf.order(ByteOrder.LITTLE_ENDIAN);
        if (buf.getInt(0) != 348) buf.order(ByteOrder.BIG_ENDIAN);
        if (buf.getInt(0) != 348) throw new IOException(path + ": not a NIfTI-1 file (sizeof_hdr is not 348)");
        String magic = new String(new byte[] {buf.get(344), buf.get(345), buf.get(346)}, java.nio.charset.StandardCharsets.US_ASCII);
        if (!magic.equals("n+1") && !magic.equals("ni1")) throw new IOException(path + ": NIfTI magic missing (" + magic + ")");
        if (magic.equals("ni1")) throw new IOException(path + ": NIfTI header/image pairs (.hdr/.img) are not supported");
        int rank = buf.getShort(40);
        int[] dims = new int[3];
        for (int i = 0; i < 3; i++) dims[i] = i < rank ? buf.getShort(42 + 2 * i) : 1;
        for (int i = 3; i < rank; i++) {
            if (buf.getShort(42 + 2 * i) > 1) throw new IOException(path + ": " + rank + "-D NIfTI; only 3-D volumes are read");
        }
        NiftiReader.Datatype type = NiftiReader.Datatype.of(buf.getShort(70));
        if (type == null) throw new IOException(path + ": unsupported NIfTI datatype " + buf.getShort(70));
        int voxOffset = Math.max(352, (int) buf.getFloat(108));
        Geometry g = new NiftiAffine(buf).toGeometry(dims);
        return new NiftiHeader(dims, type, voxOffset, buf.getFloat(112), buf.getFloat(116), g);
    }
}
