package org.atrous.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;

import java.io.File;
import java.io.IOException;
import java.util.List;

/**
 * Decodes the frames of one file to modality values (rescale applied per frame). PixelMed
 * decompresses encapsulated pixel data while reading; what it cannot decode, and pixel data
 * shorter than Rows × Columns × frames, become a rejection, never a padded image.
 */
final class PixelDecoder {

    private PixelDecoder() { }

    /** One float array per given frame header (all from the same file), in the given order. */
    static float[][] decode(List<FrameHeader> frames) throws UnreadableFileException {
        FrameHeader first = frames.get(0);
        String ts = first.format().transferSyntax();
        Attribute pixels = readPixelData(new File(first.path()), first, OwnCodecs.decodes(ts));
        int samples = first.rows() * first.columns();
        int[] raw = OwnCodecs.decodes(ts)
                ? OwnCodecs.decode(pixels, ts, first.rows(), first.columns(), first.frameCount())
                : rawSamples(pixels, first.format(), (long) samples * first.frameCount());
        float[][] out = new float[frames.size()][];
        for (int i = 0; i < frames.size(); i++) {
            out[i] = modalityValues(raw, (frames.get(i).frame() - 1) * samples, samples, frames.get(i));
        }
        return out;
    }

    /** The file's pixel data, decompressed by PixelMed unless {@code encapsulated} (Atrous decodes them itself). */
    private static Attribute readPixelData(File file, FrameHeader header, boolean encapsulated) throws UnreadableFileException {
        AttributeList list = new AttributeList();
        if (encapsulated) list.setDecompressPixelData(false);
        try (DicomInputStream in = new DicomInputStream(file)) {
            list.read(in);
        } catch (IOException | DicomException | RuntimeException e) {
            throw new UnreadableFileException(decodeFailure(list, e));
        }
        Attribute pixels = list.getPixelData();
        if (pixels == null || pixels.getVL() == 0) {
            throw new UnreadableFileException("pixel data missing or shorter than Rows x Columns x frames require ("
                    + header.rows() + "x" + header.columns() + "x" + header.frameCount() + ")");
        }
        return pixels;
    }

    private static String decodeFailure(AttributeList list, Exception e) {
        String ts = HeaderReader.string(list, TagFromName.TransferSyntaxUID);
        String msg = HeaderReader.oneLine(e);
        if (!ts.isEmpty() && msg.toLowerCase().contains("reader")) return ImageChecks.unsupported(ts);
        return "pixel data cannot be decoded: " + msg;
    }

    private static int[] rawSamples(Attribute pixels, PixelFormat format, long required) throws UnreadableFileException {
        int[] raw;
        try {
            raw = format.bitsAllocated() == 8 ? widen(pixels.getByteValues()) : widen(pixels.getShortValues());
        } catch (DicomException e) {
            throw new UnreadableFileException("pixel data cannot be decoded: " + HeaderReader.oneLine(e));
        }
        if (raw.length < required) {
            throw new UnreadableFileException("pixel data shorter than required: " + raw.length
                    + " samples where Rows x Columns x frames need " + required);
        }
        return raw;
    }

    private static float[] modalityValues(int[] raw, int offset, int count, FrameHeader h) {
        float[] v = new float[count];
        PixelFormat f = h.format();
        for (int i = 0; i < count; i++) {
            v[i] = (float) (h.slope() * f.storedValue(raw[offset + i]) + h.intercept());
        }
        return v;
    }

    private static int[] widen(short[] s) {
        int[] r = new int[s.length];
        for (int i = 0; i < s.length; i++) r[i] = s[i] & 0xffff;
        return r;
    }

    private static int[] widen(byte[] b) {
        int[] r = new int[b.length];
        for (int i = 0; i < b.length; i++) r[i] = b[i] & 0xff;
        return r;
    }
}
