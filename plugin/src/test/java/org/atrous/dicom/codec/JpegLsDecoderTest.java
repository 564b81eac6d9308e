package org.atrous.dicom.codec;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.atrous.dicom.CtSeriesWriter;
import org.atrous.dicom.SeriesReader;
import org.atrous.dicom.Volume;
import org.atrous.phantom.AbdomenPhantom;
import org.atrous.phantom.Phantom;
import org.atrous.phantom.PhantomOptions;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JPEG-LS made by an independent encoder (DCMTK's dcmcjpls, CharLS inside) from a phantom CT
 * series: lossless reads back exactly; near-lossless reads back within NEAR and as DCMTK's own
 * decoder (dcmdjpls) reads it, sample for sample, since T.87 decoding is exact. Non-default
 * thresholds and RESET travel in an LSE marker segment, which the decoder must honour.
 */
class JpegLsDecoderTest {

    @TempDir Path dir;

    @Test
    void losslessAndNearLosslessCtFromAnotherEncoderDecodeExactly() throws Exception {
        Phantom p = AbdomenPhantom.generate(new PhantomOptions(31, 128, 3, 0, 5, 5, 1, 15, false), ProgressListener.NONE);
        Path ct = dir.resolve("ct");
        CtSeriesWriter.write(p.ct(), ct, "", ProgressListener.NONE);
        float[] original = read(ct).data();

        float[] lossless = read(convert(ct, "lossless", "dcmcjpls", "+el")).data();
        assertArrayEquals(original, lossless, "JPEG-LS lossless");

        // DCMTK encodes near-lossless from unsigned samples only: the same HU, stored with an offset
        Path unsigned = unsigned(ct);
        assertArrayEquals(original, read(unsigned).data(), "the unsigned copy holds the same HU");
        Path near = convert(unsigned, "near", "dcmcjpls", "+en", "+md", "3");
        float[] ours = read(near).data(), dcmtk = read(convert(near, "near-dcmtk", "dcmdjpls")).data();
        assertArrayEquals(dcmtk, ours, "near-lossless: the same samples as DCMTK decodes");
        float worst = 0;
        int changed = 0;
        for (int i = 0; i < original.length; i++) {
            worst = Math.max(worst, Math.abs(ours[i] - original[i]));
            if (ours[i] != original[i]) changed++;
        }
        assertTrue(worst <= 3, "within NEAR 3 of the original: " + worst);
        assertTrue(changed > original.length / 10, "near-lossless changed samples: " + changed);

        float[] tuned = read(convert(ct, "tuned", "dcmcjpls", "+el", "+t1", "5", "+t2", "30", "+t3", "200", "+rs", "32")).data();
        assertArrayEquals(original, tuned, "lossless with thresholds and RESET from an LSE segment");
    }

    @Test
    void aRealCtCompressedLosslessReadsBackExactly() throws Exception {
        Path ct = org.atrous.dicom.SharedData.path("dicom-real/dcmqi/ct-3slice");
        Volume original = read(ct), ls = read(convert(ct, "real-ls", "dcmcjpls", "+el"));
        assertEquals(512 * 512 * 3, ls.data().length);
        assertArrayEquals(original.data(), ls.data(), "dcmqi's 512x512 CT through JPEG-LS lossless");
    }

    @Test
    void aCutCodeStreamIsRefused() throws Exception {
        Phantom p = AbdomenPhantom.generate(new PhantomOptions(32, 128, 1, 0, 5, 5, 0, 15, false), ProgressListener.NONE);
        Path ct = dir.resolve("one");
        CtSeriesWriter.write(p.ct(), ct, "", ProgressListener.NONE);
        Path ls = convert(ct, "ls", "dcmcjpls", "+el");
        com.pixelmed.dicom.AttributeList l = new com.pixelmed.dicom.AttributeList();
        l.setDecompressPixelData(false);
        try (var files = Files.list(ls)) {
            l.read(files.findFirst().orElseThrow().toString());
        }
        byte[] frame = ((com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames) l.getPixelData())
                .getByteValuesForSelectedFrame(0);
        assertEquals(128 * 128, JpegLsDecoder.decode(frame).samples().length);
        assertThrows(IOException.class, () -> JpegLsDecoder.decode(java.util.Arrays.copyOf(frame, frame.length / 3)));
    }

    /** A copy of the series stored unsigned (12 bits, values + 2048, Rescale Intercept lowered by 2048). */
    private Path unsigned(Path from) throws Exception {
        Path to = dir.resolve("unsigned");
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                com.pixelmed.dicom.AttributeList l = new com.pixelmed.dicom.AttributeList();
                l.read(f.toString());
                short[] v = l.getPixelData().getShortValues();
                for (int i = 0; i < v.length; i++) v[i] = (short) (v[i] + 2048);
                double intercept = com.pixelmed.dicom.Attribute.getSingleDoubleValueOrDefault(l,
                        com.pixelmed.dicom.TagFromName.RescaleIntercept, 0);
                put(l, new com.pixelmed.dicom.UnsignedShortAttribute(com.pixelmed.dicom.TagFromName.PixelRepresentation), 0);
                put(l, new com.pixelmed.dicom.UnsignedShortAttribute(com.pixelmed.dicom.TagFromName.BitsStored), 12);
                put(l, new com.pixelmed.dicom.UnsignedShortAttribute(com.pixelmed.dicom.TagFromName.HighBit), 11);
                put(l, new com.pixelmed.dicom.DecimalStringAttribute(com.pixelmed.dicom.TagFromName.RescaleIntercept),
                        intercept - 2048);
                l.remove(com.pixelmed.dicom.TagFromName.SmallestImagePixelValue);
                l.remove(com.pixelmed.dicom.TagFromName.LargestImagePixelValue);
                l.write(to.resolve(f.getFileName()).toFile(), com.pixelmed.dicom.TransferSyntax.ExplicitVRLittleEndian, true, true);
            }
        }
        return to;
    }

    private static void put(com.pixelmed.dicom.AttributeList l, com.pixelmed.dicom.Attribute a, double value)
            throws com.pixelmed.dicom.DicomException {
        if (a instanceof com.pixelmed.dicom.UnsignedShortAttribute) a.addValue((int) value);
        else a.addValue(value);
        l.put(a);
    }

    /** Runs a DCMTK converter on every file of a folder into a new folder. */
    private Path convert(Path from, String name, String... tool) throws Exception {
        Path to = dir.resolve(name);
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                List<String> cmd = new ArrayList<>(List.of(tool));
                cmd.add(f.toString());
                cmd.add(to.resolve(f.getFileName()).toString());
                Process pr = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String log = new String(pr.getInputStream().readAllBytes());
                assertEquals(0, pr.waitFor(), String.join(" ", cmd) + " (Debian dcmtk, installed by build/install-test-tools.sh): " + log);
            }
        }
        return to;
    }

    private static Volume read(Path folder) {
        var r = new SeriesReader().read(folder, ProgressListener.NONE);
        assertTrue(r.rejected().isEmpty(), r.rejected().toString());
        return r.volumes().get(0);
    }
}
