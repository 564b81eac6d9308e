package org.atrous.dicom;

/**
 * What the reader needs to know about one frame (one future slice) before touching pixels.
 * A single-frame file gives one, an enhanced multi-frame file one per frame.
 *
 * @param path          source file
 * @param frame         1-based frame number in that file
 * @param frameCount    number of frames in that file
 * @param sopInstanceUid SOP Instance UID of the file
 * @param sopClassUid   SOP Class UID of the file
 * @param rows          image rows
 * @param columns       image columns
 * @param orientation   ImageOrientationPatient (6 cosines), or null when absent
 * @param position      ImagePositionPatient, or null when absent
 * @param pixelSpacing  PixelSpacing {row spacing, column spacing}, or null when absent
 * @param nominalSpacing SpacingBetweenSlices or SliceThickness, used only without positions; NaN if neither
 * @param instanceNumber InstanceNumber, or Integer.MAX_VALUE when absent
 * @param acquisition   AcquisitionNumber as text ("" when absent)
 * @param slope         Rescale Slope
 * @param intercept     Rescale Intercept
 * @param window        {centre, width}, or null
 * @param format        stored pixel encoding
 * @param identity      patient/study/series identity
 * @param headerText    compact header listing for ImageJ slice info
 */
public record FrameHeader(String path, int frame, int frameCount, String sopInstanceUid, String sopClassUid,
                          int rows, int columns, double[] orientation, double[] position, double[] pixelSpacing,
                          double nominalSpacing, int instanceNumber, String acquisition, double slope,
                          double intercept, double[] window, PixelFormat format, SeriesIdentity identity,
                          String headerText) {

    public String seriesUid() {
        return identity.seriesInstanceUid();
    }

    public boolean hasGeometry() {
        return orientation != null && position != null;
    }

    /** Unit normal row × column of the image plane (null without orientation). */
    public double[] normal() {
        if (orientation == null) return null;
        double[] r = {orientation[0], orientation[1], orientation[2]};
        double[] c = {orientation[3], orientation[4], orientation[5]};
        double[] n = {r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]};
        double len = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        return new double[] {n[0] / len, n[1] / len, n[2] / len};
    }
}
