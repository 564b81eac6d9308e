package org.atrous.dicom;

import static org.atrous.dicom.DicomAttributes.put;
import static org.atrous.dicom.DicomAttributes.putInt;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.ValueRepresentation;

import org.atrous.progress.ProgressListener;

/**
 * Writes a HU volume as a classic single-frame CT Image Storage series, one file per slice
 * ({@code IMG0001.dcm}…), explicit VR little endian, as a scanner would: signed 16-bit stored
 * values with Rescale Slope 1 and Intercept 0, so a stored value is the HU rounded to the
 * nearest integer. MR volumes (NIfTI conversion) get MR Image Storage attributes instead. UIDs and identities come from the volume's
 * {@link SeriesIdentity} and {@link SliceSource}s, so a caller fixes them (the phantom derives
 * them from its seed). Files go to a temporary folder first, renamed into place when complete.
 */
public final class CtSeriesWriter {
    public static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    public static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";

    private CtSeriesWriter() { }

    /**
     * Writes every slice into {@code dir}, which must not exist yet.
     *
     * @param imageComments free text for Image Comments (attribution), or "" for none
     */
    public static void write(Volume v, Path dir, String imageComments, ProgressListener listener) throws IOException {
        if (v.slices().size() != v.geometry().nz()) {
            throw new IllegalArgumentException("the volume needs one SliceSource (SOP Instance UID) per slice");
        }
        if (Files.exists(dir)) throw new IOException("output folder already exists: " + dir);
        Path tmp = Files.createTempDirectory(dir.toAbsolutePath().getParent(), "." + dir.getFileName() + ".tmp");
        try {
            double[] rescale = rescale(v);
            for (int z = 0; z < v.geometry().nz(); z++) {
                listener.checkCanceled();
                AttributeList list = slice(v, z, imageComments, rescale);
                list.write(tmp.resolve(String.format(Locale.ROOT, "IMG%04d.dcm", z + 1)).toFile(),
                        TransferSyntax.ExplicitVRLittleEndian, true, true);
                listener.progress("writing DICOM", (z + 1.0) / v.geometry().nz());
            }
            Files.move(tmp, dir);
            try { // temporary folders are created owner-only; the series is an ordinary folder
                Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
        } catch (DicomException e) {
            throw new IOException("cannot write DICOM slice: " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * {slope, intercept} mapping stored int16 values to the volume's values: identity for CT
     * (HU rounded) and for integer data that fits; otherwise the value range spread over int16.
     */
    static double[] rescale(Volume v) {
        if ("CT".equals(v.modality())) return new double[] {1, 0};
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        boolean integral = true;
        for (float f : v.data()) {
            min = Math.min(min, f);
            max = Math.max(max, f);
            integral &= f == Math.rint(f);
        }
        if (integral && min >= Short.MIN_VALUE && max <= Short.MAX_VALUE) return new double[] {1, 0};
        double slope = max > min ? (max - min) / 65534 : 1;
        return new double[] {slope, min + 32767 * slope};
    }

    static AttributeList slice(Volume v, int z, String comments, double[] rescale) throws DicomException {
        SeriesIdentity id = v.identity();
        SliceSource src = v.slices().get(z);
        boolean mr = "MR".equals(id.modality());
        AttributeList l = new AttributeList();
        put(l, TagFromName.SpecificCharacterSet, ValueRepresentation.CS, "ISO_IR 192");
        put(l, TagFromName.SOPClassUID, ValueRepresentation.UI, src.sopClassUid());
        put(l, TagFromName.SOPInstanceUID, ValueRepresentation.UI, src.sopInstanceUid());
        DicomAttributes.putPatientAndStudy(l, id);
        put(l, TagFromName.Modality, ValueRepresentation.CS, id.modality());
        put(l, TagFromName.SeriesInstanceUID, ValueRepresentation.UI, id.seriesInstanceUid());
        put(l, TagFromName.SeriesNumber, ValueRepresentation.IS, id.seriesNumber());
        put(l, TagFromName.SeriesDescription, ValueRepresentation.LO, id.seriesDescription());
        put(l, TagFromName.PatientPosition, ValueRepresentation.CS, "HFS");
        put(l, TagFromName.BodyPartExamined, ValueRepresentation.CS, mr ? "BRAIN" : "ABDOMEN");
        put(l, TagFromName.FrameOfReferenceUID, ValueRepresentation.UI, id.frameOfReferenceUid());
        put(l, TagFromName.PositionReferenceIndicator, ValueRepresentation.LO);
        put(l, TagFromName.Manufacturer, ValueRepresentation.LO, id.manufacturer());
        put(l, TagFromName.InstanceNumber, ValueRepresentation.IS, Integer.toString(z + 1));
        put(l, TagFromName.ContentDate, ValueRepresentation.DA, id.studyDate());
        put(l, TagFromName.ContentTime, ValueRepresentation.TM, id.studyTime());
        put(l, TagFromName.PatientOrientation, ValueRepresentation.CS);
        if (!comments.isEmpty()) put(l, TagFromName.ImageComments, ValueRepresentation.LT, comments);
        putPlane(l, v.geometry(), z);
        putPixels(l, v, z, mr, rescale);
        if (v.window() != null) {
            put(l, TagFromName.WindowCenter, ValueRepresentation.DS, ds(v.window()[0]));
            put(l, TagFromName.WindowWidth, ValueRepresentation.DS, ds(v.window()[1]));
        }
        if (mr) putMr(l); else putCt(l);
        FileMetaInformation.addFileMetaInformation(l, TransferSyntax.ExplicitVRLittleEndian, "ATROUS");
        return l;
    }

    private static void putPlane(AttributeList l, Geometry g, int z) {
        double[] p = g.slicePosition(z), d = g.direction();
        put(l, TagFromName.ImagePositionPatient, ValueRepresentation.DS, ds(p[0]), ds(p[1]), ds(p[2]));
        put(l, TagFromName.ImageOrientationPatient, ValueRepresentation.DS,
                ds(d[0]), ds(d[1]), ds(d[2]), ds(d[3]), ds(d[4]), ds(d[5]));
        put(l, TagFromName.PixelSpacing, ValueRepresentation.DS, ds(g.spacing()[1]), ds(g.spacing()[0]));
        put(l, TagFromName.SliceThickness, ValueRepresentation.DS, ds(g.spacing()[2]));
        put(l, TagFromName.SpacingBetweenSlices, ValueRepresentation.DS, ds(g.spacing()[2]));
        double[] n = g.sliceDirection();
        put(l, TagFromName.SliceLocation, ValueRepresentation.DS, ds(p[0] * n[0] + p[1] * n[1] + p[2] * n[2]));
    }

    /** Signed 16-bit stored values; for CT rescale slope 1 and intercept 0 (stored value = rounded HU). */
    private static void putPixels(AttributeList l, Volume v, int z, boolean mr, double[] rescale) throws DicomException {
        Geometry g = v.geometry();
        int n = g.nx() * g.ny();
        short[] px = new short[n];
        for (int i = 0; i < n; i++) {
            long stored = Math.round((v.data()[z * n + i] - rescale[1]) / rescale[0]);
            px[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, stored));
        }
        DicomAttributes.putGreyscalePixelModule(l, g.ny(), g.nx(), 16, true);
        if (!mr || rescale[0] != 1 || rescale[1] != 0) {
            put(l, TagFromName.RescaleIntercept, ValueRepresentation.DS, ds(rescale[1]));
            put(l, TagFromName.RescaleSlope, ValueRepresentation.DS, ds(rescale[0]));
            if (!mr) put(l, TagFromName.RescaleType, ValueRepresentation.LO, "HU");
        }
        OtherWordAttribute pixels = new OtherWordAttribute(TagFromName.PixelData);
        pixels.setValues(px);
        l.put(pixels);
    }

    private static void putCt(AttributeList l) {
        put(l, TagFromName.ImageType, ValueRepresentation.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        put(l, DicomAttributes.tag(0x0018, 0x0060), ValueRepresentation.DS, "120");
        put(l, TagFromName.AcquisitionNumber, ValueRepresentation.IS, "1");
        put(l, TagFromName.ConvolutionKernel, ValueRepresentation.SH, "SYNTHETIC");
    }

    private static void putMr(AttributeList l) {
        put(l, TagFromName.ImageType, ValueRepresentation.CS, "DERIVED", "SECONDARY", "OTHER");
        put(l, DicomAttributes.tag(0x0018, 0x0020), ValueRepresentation.CS, "RM");
        put(l, DicomAttributes.tag(0x0018, 0x0021), ValueRepresentation.CS, "NONE");
        put(l, DicomAttributes.tag(0x0018, 0x0022), ValueRepresentation.CS);
        put(l, TagFromName.MRAcquisitionType, ValueRepresentation.CS, "3D");
        put(l, TagFromName.EchoTime, ValueRepresentation.DS);
        put(l, TagFromName.RepetitionTime, ValueRepresentation.DS);
        put(l, TagFromName.EchoTrainLength, ValueRepresentation.IS);
        put(l, TagFromName.AcquisitionNumber, ValueRepresentation.IS, "1");
    }

    /** A decimal string of at most 16 characters, as DS requires. */
    static String ds(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String s = String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "");
        if (s.length() > 16) s = String.format(Locale.ROOT, "%.8g", v);
        return s;
    }

    /** Deletes a folder tree, best effort (used to clean temporary output). */
    public static void deleteQuietly(Path p) {
        if (!Files.exists(p)) return;
        try (var walk = Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // best effort: a leftover temporary folder is visible and harmless
        }
    }
}
