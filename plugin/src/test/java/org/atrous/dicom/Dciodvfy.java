package org.atrous.dicom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs dicom3tools' {@code dciodvfy} (Debian package dicom3tools, installed by
 * {@code build/install-tools.sh}, which the test command runs) and returns its error lines.
 * Debian's dciodvfy cannot read the Deflated transfer syntax, so a deflated file is read by
 * PixelMed (which inflates it) and checked as the same data set in Explicit VR Little Endian.
 */
public final class Dciodvfy {

    private Dciodvfy() { }

    /** Lines that start with "Error", i.e. violations of the IOD; warnings are left out. */
    public static List<String> errors(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("dciodvfy", readable(file).toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("dciodvfy did not finish on " + file);
        }
        return out.lines().filter(l -> l.startsWith("Error")).toList();
    }

    /** The whole report, for failure messages. */
    public static String report(Path file) throws IOException {
        Process p = new ProcessBuilder("dciodvfy", readable(file).toString()).redirectErrorStream(true).start();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** True when the file's meta information names the Deflated Explicit VR Little Endian syntax. */
    public static boolean deflated(Path file) throws IOException {
        try {
            com.pixelmed.dicom.AttributeList l = new com.pixelmed.dicom.AttributeList();
            l.read(file.toFile(), com.pixelmed.dicom.TagFromName.PixelData);
            return com.pixelmed.dicom.TransferSyntax.DeflatedExplicitVRLittleEndian.equals(
                    com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(l,
                            com.pixelmed.dicom.TagFromName.TransferSyntaxUID));
        } catch (com.pixelmed.dicom.DicomException e) {
            throw new IOException(e);
        }
    }

    /** The file itself, or for a deflated one an inflated copy beside the system's temporary files. */
    private static Path readable(Path file) throws IOException {
        if (!deflated(file)) return file;
        try {
            com.pixelmed.dicom.AttributeList l = new com.pixelmed.dicom.AttributeList();
            l.read(file.toFile());
            l.remove(com.pixelmed.dicom.TagFromName.TransferSyntaxUID);
            com.pixelmed.dicom.FileMetaInformation.addFileMetaInformation(l,
                    com.pixelmed.dicom.TransferSyntax.ExplicitVRLittleEndian, "ATROUS");
            Path out = java.nio.file.Files.createTempFile("inflated-", ".dcm");
            out.toFile().deleteOnExit();
            l.write(out.toFile(), com.pixelmed.dicom.TransferSyntax.ExplicitVRLittleEndian, true, true);
            return out;
        } catch (com.pixelmed.dicom.DicomException e) {
            throw new IOException("cannot inflate " + file + ": " + e.getMessage(), e);
        }
    }
}
