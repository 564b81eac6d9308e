package org.atrous.dicom.codec;

import java.io.IOException;

/**
 * Decodes a greyscale JPEG-LS image (ITU-T T.87 / ISO 14495-1), lossless or near-lossless, 2 to
 * 16 bits, as DICOM's JPEG-LS transfer syntaxes (1.2.840.10008.1.2.4.80 and .81) hold it. No
 * maintained pure-Java JPEG-LS decoder is on Maven Central (CharLS is C++), so the standard's
 * decoding procedure is written out: context modelling with quantised local gradients, the
 * median edge detector with bias correction, Golomb-Rice coded residuals, and run mode. Preset
 * parameters (LSE id 1) are honoured; mapping tables, restart intervals, point transforms and
 * more than one component are refused.
 */
public final class JpegLsDecoder {

    /** T.87 A.7.1.2: run-length order per RUNindex. */
    private static final int[] J = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11,
        12, 13, 14, 15};
    private static final int MIN_C = -128, MAX_C = 127;

    private final JpegSegments in;
    private int width, height, precision;
    private int expectedWidth = -1, expectedHeight = -1;
    private int maxVal, t1, t2, t3, reset = 64;
    private int near, range, qbpp, limit;
    // regular-mode contexts 0..364 and the two run-interruption contexts 365 (RItype 0) and 366 (RItype 1)
    private final int[] a = new int[367], b = new int[367], c = new int[367], n = new int[367], nn = new int[367];
    private int runIndex;
    /** quantise(d) for every d in -MAXVAL .. MAXVAL, at index d + MAXVAL: three per sample, so looked up. */
    private byte[] quantised;
    private LsBits bits;

    private JpegLsDecoder(byte[] data) {
        this.in = new JpegSegments(data);
    }

    /** The decoded frame: samples row-major, each in 0 .. MAXVAL. */
    public static JpegDctDecoder.Image decode(byte[] data) throws IOException {
        return new JpegLsDecoder(data).run();
    }

    /** As {@link #decode(byte[])}, refusing a frame header of another size before anything is allocated. */
    public static JpegDctDecoder.Image decode(byte[] data, int expectedWidth, int expectedHeight) throws IOException {
        JpegLsDecoder d = new JpegLsDecoder(data);
        d.expectedWidth = expectedWidth;
        d.expectedHeight = expectedHeight;
        return d.run();
    }

    private JpegDctDecoder.Image run() throws IOException {
        in.expectStartOfImage();
        int presetMaxVal = 0, presetT1 = 0, presetT2 = 0, presetT3 = 0;
        while (true) {
            int marker = in.nextMarker();
            if (marker == 0xF7) {
                readFrame();
            } else if (marker == 0xF8) {
                JpegSegments.Segment s = in.segment();
                if (s.u8(0) != 1) throw new IOException("JPEG-LS mapping tables (LSE id " + s.u8(0) + ") are not supported");
                presetMaxVal = s.u16(1);
                presetT1 = s.u16(3);
                presetT2 = s.u16(5);
                presetT3 = s.u16(7);
                if (s.u16(9) != 0) reset = s.u16(9);
            } else if (marker == 0xDA) {
                if (precision == 0) throw new IOException("JPEG-LS scan before its frame header");
                readScanHeader();
                parameters(presetMaxVal, presetT1, presetT2, presetT3);
                return decodeScan();
            } else if (marker == 0xDD) {
                throw new IOException("JPEG-LS restart intervals are not supported");
            } else if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                throw new IOException("not a JPEG-LS code stream (SOF" + (marker - 0xC0) + ")");
            } else if (marker == 0xD9) {
                throw new IOException("JPEG-LS ends before its scan");
            } else {
                in.segment();
            }
        }
    }

    private void readFrame() throws IOException {
        FrameSize.Sof sof = FrameSize.read(in.segment(), "JPEG-LS", expectedWidth, expectedHeight);
        precision = sof.precision();
        width = sof.width();
        height = sof.height();
        if (precision < 2 || precision > 16) throw new IOException("JPEG-LS sample precision " + precision);
    }

    private void readScanHeader() throws IOException {
        JpegSegments.Segment s = in.segment();
        if (s.u8(0) != 1) throw new IOException("JPEG-LS scan of " + s.u8(0) + " components");
        near = s.u8(3);
        if ((s.u8(5) & 15) != 0) throw new IOException("JPEG-LS point transform is not supported");
    }

    /** T.87 C.2.4.1: MAXVAL, thresholds and the derived RANGE, qbpp and LIMIT; contexts initialised. */
    private void parameters(int presetMaxVal, int presetT1, int presetT2, int presetT3) throws IOException {
        maxVal = presetMaxVal > 0 ? presetMaxVal : (1 << precision) - 1;
        if (near > Math.min(255, maxVal / 2)) throw new IOException("JPEG-LS NEAR " + near + " is out of range");
        int[] t = defaultThresholds(maxVal, near);
        t1 = presetT1 > 0 ? presetT1 : t[0];
        t2 = presetT2 > 0 ? presetT2 : t[1];
        t3 = presetT3 > 0 ? presetT3 : t[2];
        range = (maxVal + 2 * near) / (2 * near + 1) + 1;
        qbpp = ceilLog2(range);
        int bpp = Math.max(2, ceilLog2(maxVal + 1));
        limit = 2 * (bpp + Math.max(8, bpp));
        quantised = new byte[2 * maxVal + 1];
        for (int d = -maxVal; d <= maxVal; d++) quantised[d + maxVal] = (byte) quantise(d);
        int a0 = Math.max(2, (range + 32) / 64);
        java.util.Arrays.fill(a, a0);
        java.util.Arrays.fill(n, 1);
    }

    static int[] defaultThresholds(int maxVal, int near) {
        if (maxVal >= 128) {
            int factor = (Math.min(maxVal, 4095) + 128) / 256;
            int x1 = clamp(factor * (3 - 2) + 2 + 3 * near, near + 1, maxVal);
            int x2 = clamp(factor * (7 - 3) + 3 + 5 * near, x1, maxVal);
            return new int[] {x1, x2, clamp(factor * (21 - 4) + 4 + 7 * near, x2, maxVal)};
        }
        int factor = 256 / (maxVal + 1);
        int x1 = clamp(Math.max(2, 3 / factor + 3 * near), near + 1, maxVal);
        int x2 = clamp(Math.max(3, 7 / factor + 5 * near), x1, maxVal);
        return new int[] {x1, x2, clamp(Math.max(4, 21 / factor + 7 * near), x2, maxVal)};
    }

    private static int clamp(int i, int j, int maxVal) {
        return i > maxVal || i < j ? j : i;
    }

    private static int ceilLog2(int v) {
        int k = 0;
        while ((1L << k) < v) k++;
        return k;
    }

    private JpegDctDecoder.Image decodeScan() throws IOException {
        bits = new LsBits(in.data(), in.position());
        int[] out = new int[width * height];
        // lines padded by one sample each side: index i + 1 is column i
        int[] prev = new int[width + 2], cur = new int[width + 2];
        for (int y = 0; y < height; y++) {
            prev[width + 1] = prev[width];
            cur[0] = prev[1];
            decodeLine(prev, cur);
            System.arraycopy(cur, 1, out, y * width, width);
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return new JpegDctDecoder.Image(width, height, precision, out);
    }

    /** T.87 A.2 to A.7 for one line, after the edge samples are set. */
    private void decodeLine(int[] prev, int[] cur) throws IOException {
        int i = 1;
        int rb = prev[0], rd = prev[1];
        while (i <= width) {
            int ra = cur[i - 1], rc = rb;
            rb = rd;
            rd = prev[i + 1];
            int q = 81 * quantised[rd - rb + maxVal] + 9 * quantised[rb - rc + maxVal] + quantised[rc - ra + maxVal];
            if (q != 0) {
                cur[i] = regular(q, ra, rb, rc);
                i++;
            } else {
                i += runMode(prev, cur, i);
                rb = prev[i - 1];
                rd = prev[i];
            }
        }
    }

    private int quantise(int d) {
        if (d <= -t3) return -4;
        if (d <= -t2) return -3;
        if (d <= -t1) return -2;
        if (d < -near) return -1;
        if (d <= near) return 0;
        if (d < t1) return 1;
        if (d < t2) return 2;
        if (d < t3) return 3;
        return 4;
    }

    /** Regular mode (A.4 to A.6): predict, correct the bias, decode the residual, update the context. */
    private int regular(int qs, int ra, int rb, int rc) throws IOException {
        int sign = qs < 0 ? -1 : 1, q = Math.abs(qs);
        int px = rc >= Math.max(ra, rb) ? Math.min(ra, rb) : rc <= Math.min(ra, rb) ? Math.max(ra, rb) : ra + rb - rc;
        px = Math.max(0, Math.min(maxVal, px + sign * c[q]));
        int k = 0;
        while ((n[q] << k) < a[q]) k++;
        int m = golomb(k, limit);
        int err = (m >> 1) ^ -(m & 1); // even: m / 2, odd: -(m + 1) / 2
        if (k == 0 && near == 0 && 2 * b[q] + n[q] - 1 < 0) err = ~err; // A.5.2's special mapping
        update(q, err);
        return reconstruct(px, sign * err);
    }

    private void update(int q, int err) {
        a[q] += Math.abs(err);
        b[q] += err * (2 * near + 1);
        if (n[q] == reset) {
            a[q] >>= 1;
            b[q] >>= 1;
            n[q] >>= 1;
        }
        n[q]++;
        if (b[q] + n[q] <= 0) {
            b[q] += n[q];
            if (b[q] <= -n[q]) b[q] = -n[q] + 1;
            if (c[q] > MIN_C) c[q]--;
        } else if (b[q] > 0) {
            b[q] -= n[q];
            if (b[q] > 0) b[q] = 0;
            if (c[q] < MAX_C) c[q]++;
        }
    }

    /** A.4.4 and the modulo reduction's inverse: the reconstructed sample, within 0 .. MAXVAL. */
    private int reconstruct(int px, int err) {
        int x = px + err * (2 * near + 1);
        if (x < -near) x += range * (2 * near + 1);
        else if (x > maxVal + near) x -= range * (2 * near + 1);
        return Math.max(0, Math.min(maxVal, x));
    }

    /** Run mode (A.7): a run of Ra, then, unless the line ended, a run-interruption sample. Returns samples done. */
    private int runMode(int[] prev, int[] cur, int start) throws IOException {
        int ra = cur[start - 1];
        int left = width - start + 1, length = 0;
        while (bits.bit() == 1) {
            int count = Math.min(1 << J[runIndex], left - length);
            length += count;
            if (count == 1 << J[runIndex]) runIndex = Math.min(31, runIndex + 1);
            if (length == left) break;
        }
        if (length != left) length += J[runIndex] > 0 ? bits.receive(J[runIndex]) : 0;
        if (length > left) throw new IOException("JPEG-LS run longer than its line: corrupt data");
        for (int i = 0; i < length; i++) cur[start + i] = ra;
        if (length == left) return length;
        int end = start + length, rb = prev[end];
        if (Math.abs(ra - rb) <= near) {
            cur[end] = reconstruct(ra, interruption(366, 1));
        } else {
            cur[end] = reconstruct(rb, interruption(365, 0) * (rb - ra >= 0 ? 1 : -1));
        }
        runIndex = Math.max(0, runIndex - 1);
        return length + 1;
    }

    /** A.7.2: the run-interruption sample's error, in context 365 (RItype 0) or 366 (RItype 1). */
    private int interruption(int q, int riType) throws IOException {
        int temp = riType == 1 ? a[q] + (n[q] >> 1) : a[q];
        int k = 0;
        while ((n[q] << k) < temp) k++;
        int em = golomb(k, limit - J[runIndex] - 1);
        int t = em + riType;
        boolean map = (t & 1) != 0;
        int abs = (t + (map ? 1 : 0)) / 2;
        int err = (k != 0 || 2 * nn[q] >= n[q]) == map ? -abs : abs;
        if (err < 0) nn[q]++;
        a[q] += (em + 1 - riType) >> 1;
        if (n[q] == reset) {
            a[q] >>= 1;
            n[q] >>= 1;
            nn[q] >>= 1;
        }
        n[q]++;
        return err;
    }

    /** A.5.3: a limited-length Golomb-Rice code of parameter k. */
    private int golomb(int k, int limitBits) throws IOException {
        int high = bits.zerosThenOne(limitBits);
        if (high > limitBits) throw new IOException("JPEG-LS code longer than LIMIT: corrupt data");
        if (high >= limitBits - qbpp - 1) return bits.receive(qbpp) + 1;
        return k == 0 ? high : (high << k) + bits.receive(k);
    }

    /**
     * T.87 A.1: bits most significant first; after a 0xFF byte one stuffed 0 bit is dropped. Bits
     * are cached up to 56 at a time so that a Golomb code's unary prefix is counted at once.
     */
    private static final class LsBits {
        private final byte[] data;
        private int pos;
        private long cache; // valid bits at the top (most significant first)
        private int count;
        private boolean afterFf;

        LsBits(byte[] data, int pos) {
            this.data = data;
            this.pos = pos;
        }

        /** Tops the cache up to at least 57 bits, or as far as the data go. */
        private void fill() throws IOException {
            while (count <= 56) {
                if (pos >= data.length) return;
                int byt = data[pos] & 0xff;
                if (afterFf && byt >= 0x80) return; // a marker: the scan's data end here
                pos++;
                int n = afterFf ? 7 : 8;
                cache |= ((long) (byt & (afterFf ? 0x7f : 0xff))) << (64 - count - n);
                count += n;
                afterFf = byt == 0xFF;
            }
        }

        int bit() throws IOException {
            if (count == 0) {
                fill();
                if (count == 0) throw new IOException("JPEG-LS data ends early");
            }
            int b = (int) (cache >>> 63);
            cache <<= 1;
            count--;
            return b;
        }

        int receive(int n) throws IOException {
            if (n == 0) return 0;
            if (count < n) {
                fill();
                if (count < n) throw new IOException("JPEG-LS data ends early");
            }
            int v = (int) (cache >>> (64 - n));
            cache <<= n;
            count -= n;
            return v;
        }

        /** The number of 0 bits before the next 1, which is consumed too. */
        int zerosThenOne(int limit) throws IOException {
            int zeros = 0;
            while (true) {
                if (count == 0) {
                    fill();
                    if (count == 0) throw new IOException("JPEG-LS data ends early");
                }
                int lead = cache == 0 ? 64 : Long.numberOfLeadingZeros(cache);
                if (lead < count) {
                    zeros += lead;
                    cache <<= lead + 1;
                    count -= lead + 1;
                    return zeros;
                }
                zeros += count;
                cache = 0;
                count = 0;
                if (zeros > limit) throw new IOException("JPEG-LS code longer than LIMIT: corrupt data");
            }
        }
    }
}
