package org.atrous.dicom.codec;

import java.io.IOException;

/**
 * Reads the entropy-coded segments of a DCT JPEG bit by bit, most significant first (F.2.2.5):
 * a 0xFF data byte is followed by a stuffed 0x00, which is dropped; any other byte after 0xFF is
 * a marker, after which only zero bits are supplied until {@link #restart()} passes an RSTn marker.
 */
final class JpegBits {

    private final byte[] data;
    private int pos;
    private int buffer, count;
    private boolean atMarker;

    JpegBits(byte[] data, int pos) {
        this.data = data;
        this.pos = pos;
    }

    int bit() throws IOException {
        if (count == 0) fill();
        count--;
        return (buffer >> count) & 1;
    }

    /** The next {@code n} bits as an unsigned number (F.2.2.4 RECEIVE). */
    int receive(int n) throws IOException {
        int v = 0;
        for (int i = 0; i < n; i++) v = v << 1 | bit();
        return v;
    }

    private void fill() throws IOException {
        if (atMarker || pos >= data.length) {
            if (pos >= data.length && !atMarker) throw new IOException("JPEG entropy-coded data ends early");
            buffer = 0; // past a marker the decoder reads zeros, as T.81 F.2.2.5 allows
            count = 8;
            return;
        }
        int b = data[pos] & 0xff;
        if (b == 0xFF) {
            int next = pos + 1 < data.length ? data[pos + 1] & 0xff : 0xD9;
            if (next == 0x00) {
                pos += 2;
            } else {
                atMarker = true;
                buffer = 0;
                count = 8;
                return;
            }
        } else {
            pos++;
        }
        buffer = b;
        count = 8;
    }

    /** At a restart interval's end: drops the byte's remaining bits and passes the RSTn marker. */
    void restart() throws IOException {
        count = 0;
        while (pos < data.length && (data[pos] & 0xff) != 0xFF) pos++;
        while (pos < data.length && (data[pos] & 0xff) == 0xFF) pos++;
        if (pos >= data.length) throw new IOException("JPEG restart marker missing");
        int m = data[pos++] & 0xff;
        if (m < 0xD0 || m > 0xD7) throw new IOException("JPEG expected a restart marker, found 0xFF" + Integer.toHexString(m));
        atMarker = false;
    }
}
