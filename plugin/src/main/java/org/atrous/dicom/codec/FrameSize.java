package org.atrous.dicom.codec;

import java.io.IOException;

/** The frame size a code stream declares, against the size its DICOM header gives. */
final class FrameSize {

    private FrameSize() { }

    /** Refuses a mismatch (when an expected size is given, i.e. not negative). */
    static void check(int width, int height, int expectedWidth, int expectedHeight) throws IOException {
        if (expectedWidth >= 0 && (width != expectedWidth || height != expectedHeight)) {
            throw new IOException("the code stream's frame is " + width + "x" + height + " where Columns x Rows say "
                    + expectedWidth + "x" + expectedHeight);
        }
    }
}
