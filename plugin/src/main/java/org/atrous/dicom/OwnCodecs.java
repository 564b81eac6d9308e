package org.atrous.dicom;

import java.io.IOException;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames;
import org.atrous.dicom.codec.JpegDctDecoder;
import org.atrous.dicom.codec.JpegLsDecoder;

/**
 * Transfer syntaxes whose frames Atrous decodes itself, because neither PixelMed nor the JDK
 * nor any maintained pure-Java library on Maven Central does: JPEG Extended with 12-bit samples
 * (lossy CT and MR in older archives) and JPEG-LS, lossless and near-lossless. PixelMed reads such pixel data encapsulated, frame by
 * frame, and each frame's code stream is decoded here.
 */
public final class OwnCodecs {

    static final String JPEG_EXTENDED = "1.2.840.10008.1.2.4.51";
    static final String JPEG_LS_LOSSLESS = "1.2.840.10008.1.2.4.80", JPEG_LS_NEAR_LOSSLESS = "1.2.840.10008.1.2.4.81";

    private OwnCodecs() { }

    public static boolean decodes(String transferSyntax) {
        return JPEG_EXTENDED.equals(transferSyntax) || jpegLs(transferSyntax);
    }

    private static boolean jpegLs(String transferSyntax) {
        return JPEG_LS_LOSSLESS.equals(transferSyntax) || JPEG_LS_NEAR_LOSSLESS.equals(transferSyntax);
    }

    /**
     * One frame's code stream, by the decoder its transfer syntax needs; a frame of another size
     * than {@code columns} x {@code rows} is refused (negative: any size).
     */
    public static JpegDctDecoder.Image decodeFrame(String transferSyntax, byte[] frame, int columns, int rows)
            throws IOException {
        return jpegLs(transferSyntax) ? JpegLsDecoder.decode(frame, columns, rows) : JpegDctDecoder.decode(frame, columns, rows);
    }

    /** Every frame's stored samples, frame after frame, each checked against Rows and Columns. */
    static int[] decode(Attribute pixels, String transferSyntax, int rows, int columns, int frames)
            throws UnreadableFileException {
        if (!(pixels instanceof OtherByteAttributeMultipleCompressedFrames compressed)) {
            throw new UnreadableFileException("pixel data are not encapsulated as the transfer syntax requires");
        }
        int n = rows * columns;
        int[] raw = new int[n * frames];
        for (int f = 0; f < frames; f++) {
            try {
                JpegDctDecoder.Image img = decodeFrame(transferSyntax, compressed.getByteValuesForSelectedFrame(f), columns, rows);
                System.arraycopy(img.samples(), 0, raw, f * n, n);
            } catch (IOException | DicomException | RuntimeException e) {
                throw new UnreadableFileException("pixel data cannot be decoded: frame " + (f + 1) + ": " + HeaderReader.oneLine(e));
            }
        }
        return raw;
    }
}
