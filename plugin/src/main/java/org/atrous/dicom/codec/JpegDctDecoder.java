package org.atrous.dicom.codec;

import java.io.IOException;

/**
 * Decodes a greyscale JPEG of the sequential DCT processes with Huffman coding (ISO 10918-1
 * processes 1, 2 and 4: baseline and extended, 8- or 12-bit samples), as DICOM's transfer
 * syntax JPEG Extended (1.2.840.10008.1.2.4.51) holds 12-bit CT and MR. The JDK's JPEG reader
 * stops at 8 bits, and no maintained pure-Java decoder of 12-bit DCT JPEG is on Maven Central,
 * so this one is written out: markers (T.81 annex B), Huffman decoding (annex F.2.2), restart
 * intervals, dequantisation and an exact floating-point inverse DCT (A.3.3). Progressive,
 * arithmetic-coded, hierarchical and lossless JPEG, and more than one component, are refused.
 */
public final class JpegDctDecoder {

    /** Natural (row-major) position of the k-th coefficient in zig-zag order (figure A.6). */
    private static final int[] ZIGZAG = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14,
        21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53,
        60, 61, 54, 47, 55, 62, 63};
    /** C(u) cos((2x+1) u pi / 16) / 2, indexed [x][u]: one dimension of the inverse DCT. */
    private static final double[][] IDCT = new double[8][8];

    static {
        for (int x = 0; x < 8; x++) {
            for (int u = 0; u < 8; u++) {
                double c = u == 0 ? Math.sqrt(0.5) : 1;
                IDCT[x][u] = c * Math.cos((2 * x + 1) * u * Math.PI / 16) / 2;
            }
        }
    }

    /** A decoded frame: samples row-major, each in 0 .. 2^precision - 1. */
    public record Image(int width, int height, int precision, int[] samples) { }

    private final JpegSegments in;
    private final int[][] quant = new int[4][];
    private final HuffmanTable[] dc = new HuffmanTable[4], ac = new HuffmanTable[4];
    private int restartInterval;
    private int width, height, precision, quantTable = -1;
    private int expectedWidth = -1, expectedHeight = -1;

    private JpegDctDecoder(byte[] data) {
        this.in = new JpegSegments(data);
    }

    public static Image decode(byte[] data) throws IOException {
        return new JpegDctDecoder(data).run();
    }

    /**
     * As {@link #decode(byte[])}, refusing a frame header of another size before anything is
     * allocated: a damaged header must not ask for gigabytes.
     */
    public static Image decode(byte[] data, int expectedWidth, int expectedHeight) throws IOException {
        JpegDctDecoder d = new JpegDctDecoder(data);
        d.expectedWidth = expectedWidth;
        d.expectedHeight = expectedHeight;
        return d.run();
    }

    private Image run() throws IOException {
        in.expectStartOfImage();
        while (true) {
            int marker = in.nextMarker();
            switch (marker) {
                case 0xDB -> readQuantisation();
                case 0xC4 -> readHuffman();
                case 0xDD -> restartInterval = in.segment().u16(0);
                case 0xC0, 0xC1 -> readFrame();
                case 0xDA -> {
                    return readScan();
                }
                case 0xD9 -> throw new IOException("JPEG ends before its scan");
                default -> {
                    if (marker >= 0xC2 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                        throw new IOException("JPEG process SOF" + (marker - 0xC0) + " is not sequential DCT with Huffman coding");
                    }
                    in.segment(); // APPn, COM and the like: skipped
                }
            }
        }
    }

    private void readQuantisation() throws IOException {
        JpegSegments.Segment s = in.segment();
        int p = 0;
        while (p < s.length()) {
            int pq = s.u8(p) >> 4, tq = s.u8(p) & 15;
            p++;
            if (tq > 3) throw new IOException("JPEG quantisation table " + tq);
            int[] q = new int[64];
            for (int k = 0; k < 64; k++) {
                q[k] = pq == 0 ? s.u8(p) : s.u16(p);
                p += pq == 0 ? 1 : 2;
            }
            quant[tq] = q;
        }
    }

    private void readHuffman() throws IOException {
        JpegSegments.Segment s = in.segment();
        int p = 0;
        while (p < s.length()) {
            int tc = s.u8(p) >> 4, th = s.u8(p) & 15;
            int[] counts = new int[16];
            int total = 0;
            for (int i = 0; i < 16; i++) total += counts[i] = s.u8(p + 1 + i);
            int[] symbols = new int[total];
            for (int i = 0; i < total; i++) symbols[i] = s.u8(p + 17 + i);
            p += 17 + total;
            if (th > 3 || tc > 1) throw new IOException("JPEG Huffman table class " + tc + " id " + th);
            (tc == 0 ? dc : ac)[th] = new HuffmanTable(counts, symbols);
        }
    }

    private void readFrame() throws IOException {
        JpegSegments.Segment s = in.segment();
        FrameSize.Sof sof = FrameSize.read(s, "JPEG", expectedWidth, expectedHeight);
        precision = sof.precision();
        width = sof.width();
        height = sof.height();
        if (precision != 8 && precision != 12) throw new IOException("JPEG sample precision " + precision + " (8 or 12)");
        quantTable = s.u8(8);
    }

    private Image readScan() throws IOException {
        JpegSegments.Segment s = in.segment();
        if (quantTable < 0) throw new IOException("JPEG scan before its frame header");
        if (s.u8(0) != 1) throw new IOException("JPEG scan of " + s.u8(0) + " components");
        HuffmanTable dcTable = dc[s.u8(2) >> 4], acTable = ac[s.u8(2) & 15];
        int[] q = quant[quantTable];
        if (dcTable == null || acTable == null || q == null) throw new IOException("JPEG scan refers to a missing table");
        int blocksX = (width + 7) / 8, blocksY = (height + 7) / 8;
        int[] out = new int[width * height];
        JpegBits bits = in.entropyCoded();
        double[] coef = new double[64];
        int predictor = 0, mcu = 0;
        for (int by = 0; by < blocksY; by++) {
            for (int bx = 0; bx < blocksX; bx++) {
                if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0) {
                    bits.restart();
                    predictor = 0;
                }
                predictor = decodeBlock(bits, dcTable, acTable, q, predictor, coef);
                store(inverseDct(coef), out, bx, by);
                mcu++;
            }
        }
        return new Image(width, height, precision, out);
    }

    /** One 8x8 block's dequantised coefficients (natural order) into {@code coef}; returns the new DC predictor. */
    private static int decodeBlock(JpegBits bits, HuffmanTable dcTable, HuffmanTable acTable, int[] q, int predictor,
                                   double[] coef) throws IOException {
        java.util.Arrays.fill(coef, 0);
        int size = dcTable.decode(bits);
        int dcValue = predictor + extend(bits.receive(size), size);
        coef[0] = (double) dcValue * q[0];
        for (int k = 1; k < 64; ) {
            int rs = acTable.decode(bits);
            int run = rs >> 4, s = rs & 15;
            if (s == 0) {
                if (run != 15) break; // end of block
                k += 16;
                continue;
            }
            k += run;
            if (k > 63) throw new IOException("JPEG block overruns its 64 coefficients");
            coef[ZIGZAG[k]] = (double) extend(bits.receive(s), s) * q[k];
            k++;
        }
        return dcValue;
    }

    /** F.12: the s-bit value v as a signed difference. */
    private static int extend(int v, int s) {
        return s == 0 ? 0 : v < (1 << (s - 1)) ? v - (1 << s) + 1 : v;
    }

    /** The separable inverse DCT of one block (A.3.3), before the level shift. */
    private static double[] inverseDct(double[] coef) {
        double[] tmp = new double[64], out = new double[64];
        for (int v = 0; v < 8; v++) {
            for (int x = 0; x < 8; x++) {
                double sum = 0;
                for (int u = 0; u < 8; u++) sum += IDCT[x][u] * coef[v * 8 + u];
                tmp[v * 8 + x] = sum;
            }
        }
        for (int x = 0; x < 8; x++) {
            for (int y = 0; y < 8; y++) {
                double sum = 0;
                for (int v = 0; v < 8; v++) sum += IDCT[y][v] * tmp[v * 8 + x];
                out[y * 8 + x] = sum;
            }
        }
        return out;
    }

    /** Level-shifts, rounds and clamps a block into the image, dropping what lies past its edges. */
    private void store(double[] block, int[] out, int bx, int by) {
        int shift = 1 << (precision - 1), max = (1 << precision) - 1;
        for (int y = 0; y < 8; y++) {
            int row = by * 8 + y;
            if (row >= height) break;
            for (int x = 0; x < 8; x++) {
                int col = bx * 8 + x;
                if (col >= width) break;
                long v = Math.round(block[y * 8 + x]) + shift;
                out[row * width + col] = (int) Math.max(0, Math.min(max, v));
            }
        }
    }
}
