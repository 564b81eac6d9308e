package org.atrous.roi;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import org.atrous.dicom.Geometry;
import org.atrous.dicom.SeriesIdentity;
import org.atrous.dicom.SliceSource;
import org.atrous.dicom.Volume;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Converts between {@link Volume} and ImageJ's {@link ImagePlus} (no windows are opened).
 *
 * <p>The image is a 32-bit stack whose values are the volume's (HU for CT), calibrated in mm.
 * ImageJ's calibration only knows axis-aligned grids, so the full geometry also travels as
 * image properties ({@value #ORIGIN}, {@value #DIRECTION}) and comes back exactly.
 */
public final class VolumeImages {

    public static final String ORIGIN = "atrous.origin";
    public static final String DIRECTION = "atrous.direction";
    public static final String MODALITY = "atrous.modality";
    public static final String SERIES_UID = "atrous.seriesInstanceUid";

    private VolumeImages() { }

    public static ImagePlus toImagePlus(Volume v, String title) {
        Geometry g = v.geometry();
        ImageStack stack = new ImageStack(g.nx(), g.ny());
        int size = g.nx() * g.ny();
        for (int z = 0; z < g.nz(); z++) {
            float[] slice = Arrays.copyOfRange(v.data(), z * size, (z + 1) * size);
            stack.addSlice(sliceLabel(v, z), new FloatProcessor(g.nx(), g.ny(), slice));
        }
        ImagePlus imp = new ImagePlus(title, stack);
        imp.setCalibration(calibration(g));
        setProperties(imp, v);
        double[] range = displayRange(v);
        imp.setDisplayRange(range[0], range[1]);
        return imp;
    }

    /** ImageJ's DICOM convention: first line is the label shown, the rest the slice's info. */
    private static String sliceLabel(Volume v, int z) {
        if (v.slices().isEmpty()) return "slice " + (z + 1);
        SliceSource s = v.slices().get(z);
        String name = s.path().isEmpty() ? s.sopInstanceUid() : new File(s.path()).getName();
        if (s.frame() > 1 || name.isEmpty()) name += " frame " + s.frame();
        return s.header().isEmpty() ? name : name + "\n" + s.header();
    }

    private static Calibration calibration(Geometry g) {
        Calibration cal = new Calibration();
        cal.setUnit("mm");
        cal.pixelWidth = g.spacing()[0];
        cal.pixelHeight = g.spacing()[1];
        cal.pixelDepth = g.spacing()[2];
        // Origins in pixels such that calibrated coordinates are distances along the image
        // axes from the patient origin (equal to LPS coordinates for an axial, untilted grid).
        cal.xOrigin = -dot(g.origin(), g.rowCosines()) / g.spacing()[0];
        cal.yOrigin = -dot(g.origin(), g.columnCosines()) / g.spacing()[1];
        cal.zOrigin = -dot(g.origin(), g.sliceDirection()) / g.spacing()[2];
        return cal;
    }

    private static void setProperties(ImagePlus imp, Volume v) {
        imp.setProp(ORIGIN, join(v.geometry().origin()));
        imp.setProp(DIRECTION, join(v.geometry().direction()));
        imp.setProp(MODALITY, v.modality());
        imp.setProp(SERIES_UID, v.identity().seriesInstanceUid());
        if (!v.slices().isEmpty()) imp.setProperty("Info", v.slices().get(0).header());
    }

    private static double[] displayRange(Volume v) {
        double[] w = v.window();
        if (w != null && w[1] > 0) return new double[] {w[0] - w[1] / 2, w[0] + w[1] / 2};
        double[] s = v.stats();
        return s[1] > s[0] ? new double[] {s[0], s[1]} : new double[] {s[0] - 0.5, s[0] + 0.5};
    }

    /**
     * The reverse, for ImageJ users: any greyscale stack becomes a volume. Geometry comes from
     * the properties set by {@link #toImagePlus} when present, otherwise from the calibration
     * (axis-aligned, unit spacing where uncalibrated).
     */
    public static Volume fromImagePlus(ImagePlus imp) {
        if (imp.getNChannels() > 1 || imp.getNFrames() > 1) {
            throw new IllegalArgumentException(imp.getTitle() + ": only single-channel, single-timepoint stacks");
        }
        if (imp.getBitDepth() == 24) throw new IllegalArgumentException(imp.getTitle() + ": RGB images are not volumes");
        int nx = imp.getWidth(), ny = imp.getHeight(), nz = imp.getStackSize();
        float[] data = new float[Math.multiplyExact(Math.multiplyExact(nx, ny), nz)];
        ImageStack stack = imp.getStack();
        for (int z = 0; z < nz; z++) {
            ImageProcessor ip = stack.getProcessor(z + 1);
            // getf gives calibrated values for 8/16-bit images with a calibration function.
            for (int i = 0; i < nx * ny; i++) data[z * nx * ny + i] = (float) imp.getCalibration().getCValue(ip.getf(i));
        }
        Geometry g = geometry(imp, nx, ny, nz);
        SeriesIdentity id = identity(imp);
        double min = imp.getDisplayRangeMin(), max = imp.getDisplayRangeMax();
        double[] window = max > min ? new double[] {(min + max) / 2, max - min} : null;
        return new Volume(data, g, id, List.of(), window, List.of());
    }

    private static Geometry geometry(ImagePlus imp, int nx, int ny, int nz) {
        Calibration cal = imp.getCalibration();
        boolean mm = cal.scaled();
        double[] spacing = mm ? new double[] {cal.pixelWidth, cal.pixelHeight, cal.pixelDepth} : new double[] {1, 1, 1};
        double[] origin = parse(imp.getProp(ORIGIN), 3);
        double[] direction = parse(imp.getProp(DIRECTION), 9);
        if (direction == null) direction = new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
        if (origin == null) {
            origin = new double[] {-cal.xOrigin * spacing[0], -cal.yOrigin * spacing[1], -cal.zOrigin * spacing[2]};
        }
        return new Geometry(new int[] {nx, ny, nz}, spacing, origin, direction);
    }

    private static SeriesIdentity identity(ImagePlus imp) {
        String modality = imp.getProp(MODALITY) == null ? "" : imp.getProp(MODALITY);
        String uid = imp.getProp(SERIES_UID) == null ? "" : imp.getProp(SERIES_UID);
        return new SeriesIdentity("", "", "", "", "", "", "", "", "", "", uid, "", imp.getTitle(), "", modality, "");
    }

    private static String join(double[] v) {
        List<String> parts = new ArrayList<>();
        for (double d : v) parts.add(Double.toString(d));
        return String.join(" ", parts);
    }

    private static double[] parse(String s, int n) {
        if (s == null || s.isBlank()) return null;
        String[] parts = s.trim().split("\\s+");
        if (parts.length != n) return null;
        try {
            return Arrays.stream(parts).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
