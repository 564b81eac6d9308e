package org.atrous.dicom.codec;

import java.io.IOException;

/** The frame size a code stream declares, against the size its DICOM header gives. */
final class FrameSize {

    private FrameSize() { }

    /** A start-of-frame segment's fields: sample precision and frame size, of one greyscale component. */
    record Sof(int precision, int width, int height) { }

    /**
     * Reads a start-of-frame segment (SOF of T.81 B.2.2, of T.87 for JPEG-LS: the same layout),
     * refusing colour, a zero size (the DNL marker is not supported) and a size other than expected.
     */
    static Sof read(JpegSegments.Segment s, String codec, int expectedWidth, int expectedHeight) throws IOException {
        int precision = s.u8(0), height = s.u16(1), width = s.u16(3), components = s.u8(5);
        if (components != 1) throw new IOException(codec + " with " + components + " components: only greyscale is read");
        if (height == 0 || width == 0) throw new IOException(codec + " frame of " + width + "x" + height + " (DNL not supported)");
        check(width, height, expectedWidth, expectedHeight);
        return new Sof(precision, width, height);
    }

    /** Refuses a mismatch (when an expected size is given, i.e. not negative). */
    static void check(int width, int height, int expectedWidth, int expectedHeight) throws IOException {
        if (expectedWidth >= 0 && (width != expectedWidth || height != expectedHeight)) {
            throw new IOException("the code stream's frame is " + width + "x" + height + " where Columns x Rows say "
                    + expectedWidth + "x" + expectedHeight);
        }
    }
}
