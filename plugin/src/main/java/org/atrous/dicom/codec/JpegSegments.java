package org.atrous.dicom.codec;

import java.io.IOException;

/**
 * Walks the marker segments of a JPEG (or JPEG-LS) code stream (ISO 10918-1 annex B): a marker
 * is 0xFF followed by a code, fill bytes 0xFF may precede it, and most markers head a segment
 * whose first two bytes give its length. The entropy-coded data after a scan header is handed
 * to a bit reader that starts where the header ends.
 */
final class JpegSegments {

    /** The bytes of one marker segment after its length field. */
    record Segment(byte[] data, int offset, int length) {
        int u8(int i) throws IOException {
            if (i >= length) throw new IOException("JPEG marker segment shorter than its fields");
            return data[offset + i] & 0xff;
        }

        int u16(int i) throws IOException {
            return u8(i) << 8 | u8(i + 1);
        }
    }

    private final byte[] data;
    private int pos;

    JpegSegments(byte[] data) {
        this.data = data;
    }

    void expectStartOfImage() throws IOException {
        if (data.length < 2 || (data[0] & 0xff) != 0xFF || (data[1] & 0xff) != 0xD8) {
            throw new IOException("not a JPEG code stream (no SOI marker)");
        }
        pos = 2;
    }

    /** The next marker's code (the byte after 0xFF), skipping fill bytes. */
    int nextMarker() throws IOException {
        while (pos < data.length && (data[pos] & 0xff) != 0xFF) pos++; // tolerate stray bytes between segments
        while (pos < data.length && (data[pos] & 0xff) == 0xFF) pos++;
        if (pos >= data.length) throw new IOException("JPEG code stream ends without an EOI marker");
        return data[pos++] & 0xff;
    }

    /** The segment that follows the marker just read; the position moves past it. */
    Segment segment() throws IOException {
        if (pos + 2 > data.length) throw new IOException("JPEG code stream ends inside a marker segment");
        int length = (data[pos] & 0xff) << 8 | (data[pos + 1] & 0xff);
        if (length < 2 || pos + length > data.length) throw new IOException("JPEG marker segment length " + length + " is invalid");
        Segment s = new Segment(data, pos + 2, length - 2);
        pos += length;
        return s;
    }

    /** The entropy-coded data from here on, for the DCT process (0xFF 0x00 stuffing). */
    JpegBits entropyCoded() {
        return new JpegBits(data, pos);
    }

    byte[] data() {
        return data;
    }

    int position() {
        return pos;
    }
}
