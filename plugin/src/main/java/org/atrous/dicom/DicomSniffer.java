package org.atrous.dicom;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;

/**
 * Tells DICOM files from other files before handing them to PixelMed, which would otherwise
 * try hard to parse anything (a text file or a JPEG in the same folder).
 */
final class DicomSniffer {

    private DicomSniffer() { }

    static void requireDicom(File file) throws UnreadableFileException {
        if (!looksLikeDicom(file)) {
            throw new UnreadableFileException("not a DICOM file (no DICM preamble and no DICOM data set at the start)");
        }
    }

    /**
     * True for a Part 10 file ("DICM" at byte 128), or a bare data set that starts with a
     * group 0x0002 or 0x0008 element, little or big endian.
     */
    static boolean looksLikeDicom(File file) {
        byte[] head = new byte[132];
        int n;
        try (RandomAccessFile in = new RandomAccessFile(file, "r")) {
            n = in.read(head);
        } catch (IOException e) {
            return false;
        }
        if (n >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M') return true;
        if (n < 8) return false;
        int groupLe = (head[0] & 0xff) | (head[1] & 0xff) << 8;
        int groupBe = (head[1] & 0xff) | (head[0] & 0xff) << 8;
        return groupLe == 0x0008 || groupLe == 0x0002 || groupBe == 0x0008;
    }
}
