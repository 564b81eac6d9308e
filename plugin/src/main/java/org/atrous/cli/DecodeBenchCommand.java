package org.atrous.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames;
import com.pixelmed.dicom.TagFromName;
import org.atrous.dicom.codec.JpegDctDecoder;
import org.atrous.dicom.OwnCodecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code atrous decode-bench FILE...}: times Atrous's own decoders (12-bit JPEG Extended,
 * JPEG-LS) on the frames of real files, one thread, after a warm-up.
 */
@Command(name = "decode-bench", mixinStandardHelpOptions = true,
        description = "Time Atrous's own pixel decoders (JPEG Extended 8/12-bit, JPEG-LS) on the frames of DICOM files.")
final class DecodeBenchCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE") List<Path> files;
    @Option(names = "--repeat", defaultValue = "50", description = "timed decodes of each frame (default ${DEFAULT-VALUE})")
    int repeat;

    @Override
    public Integer call() throws Exception {
        int status = 0;
        for (Path f : files) {
            AttributeList l = new AttributeList();
            l.setDecompressPixelData(false);
            l.read(f.toString());
            String ts = Attribute.getSingleStringValueOrEmptyString(l, TagFromName.TransferSyntaxUID);
            if (!OwnCodecs.decodes(ts) || !(l.getPixelData() instanceof OtherByteAttributeMultipleCompressedFrames px)) {
                System.out.println(f + ": transfer syntax " + ts + " is decoded by PixelMed, not timed here");
                status = 1;
                continue;
            }
            byte[] frame = px.getByteValuesForSelectedFrame(0);
            JpegDctDecoder.Image img = OwnCodecs.decodeFrame(ts, frame, -1, -1);
            for (int i = 0; i < Math.max(10, repeat / 5); i++) OwnCodecs.decodeFrame(ts, frame, -1, -1);
            long t0 = System.nanoTime();
            for (int i = 0; i < repeat; i++) OwnCodecs.decodeFrame(ts, frame, -1, -1);
            double ms = (System.nanoTime() - t0) / 1e6 / repeat;
            System.out.printf(Locale.ROOT, "%s: %s %dx%d %d-bit, %d bytes: %.2f ms per frame, %.1f Mpixel/s%n", f,
                    new com.pixelmed.dicom.TransferSyntax(ts).getDescription(), img.width(), img.height(), img.precision(), frame.length, ms,
                    img.width() * (double) img.height() / ms / 1000);
        }
        return status;
    }
}
