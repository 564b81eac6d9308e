package org.atrous.dicom.codec;

import java.io.IOException;

/** A JPEG Huffman table from its DHT counts and symbols, decoded code by code (T.81 F.2.2.3). */
final class HuffmanTable {

    private final int[] maxCode = new int[17], valPtr = new int[17], minCode = new int[17];
    private final int[] symbols;

    HuffmanTable(int[] counts, int[] symbols) {
        this.symbols = symbols;
        int code = 0, k = 0;
        for (int length = 1; length <= 16; length++) {
            valPtr[length] = k;
            minCode[length] = code;
            code += counts[length - 1];
            k += counts[length - 1];
            maxCode[length] = counts[length - 1] == 0 ? -1 : code - 1;
            code <<= 1;
        }
    }

    int decode(JpegBits bits) throws IOException {
        int code = 0;
        for (int length = 1; length <= 16; length++) {
            code = code << 1 | bits.bit();
            if (code <= maxCode[length]) return symbols[valPtr[length] + code - minCode[length]];
        }
        throw new IOException("JPEG Huffman code longer than 16 bits: corrupt entropy-coded data");
    }
}
