package org.atrous.phantom;

/**
 * What phantom to make. Spacings and thickness are in millimetres.
 *
 * @param seed          everything random derives from it: same seed and options, same phantom
 * @param size          matrix (columns = rows), 128..512
 * @param slices        number of slices, 1..2000
 * @param pixelSpacing  in-plane spacing in mm; 0 picks 380 mm / size (a typical abdominal FOV)
 * @param sliceSpacing  distance between slice centres in mm
 * @param thickness     reconstructed slice thickness in mm (may exceed the spacing)
 * @param tumours       liver tumours 0..{@link #MAX_TUMOURS}, or -1 for a random count
 * @param noiseSd       standard deviation of the correlated CT noise in HU, 0..100
 * @param streaks       adds faint streak artefacts radiating from the spine
 */
public record PhantomOptions(long seed, int size, int slices, double pixelSpacing, double sliceSpacing,
                             double thickness, int tumours, double noiseSd, boolean streaks) {

    public static final int MAX_TUMOURS = 4;

    /** A 256×256×48 abdomen at 5 mm slices with a random tumour count and 15 HU noise. */
    public static PhantomOptions defaults(long seed) {
        return new PhantomOptions(seed, 256, 48, 0, 5, 5, -1, 15, false);
    }

    public PhantomOptions {
        require(size >= 128 && size <= 512, "size", "must be 128..512, was " + size);
        require(slices >= 1 && slices <= 2000, "slices", "must be 1..2000, was " + slices);
        require(pixelSpacing == 0 || (pixelSpacing >= 0.3 && pixelSpacing <= 5),
                "pixel spacing", "must be 0.3..5 mm (or 0 for automatic), was " + pixelSpacing);
        require(sliceSpacing > 0 && sliceSpacing <= 20, "slice spacing", "must be >0..20 mm, was " + sliceSpacing);
        require(thickness > 0 && thickness <= 20, "thickness", "must be >0..20 mm, was " + thickness);
        require(tumours >= -1 && tumours <= MAX_TUMOURS, "tumours",
                "must be 0.." + MAX_TUMOURS + " (or -1 for random): more do not fit one liver, was " + tumours);
        require(noiseSd >= 0 && noiseSd <= 100, "noise", "must be 0..100 HU, was " + noiseSd);
        double fov = size * (pixelSpacing == 0 ? 380.0 / size : pixelSpacing);
        require(fov >= 250, "pixel spacing", "gives a field of view of " + Math.round(fov)
                + " mm; the abdomen needs at least 250 mm (size x pixel spacing)");
    }

    /** The in-plane spacing actually used. */
    public double effectivePixelSpacing() {
        return pixelSpacing == 0 ? 380.0 / size : pixelSpacing;
    }

    public PhantomOptions withSeed(long s) {
        return new PhantomOptions(s, size, slices, pixelSpacing, sliceSpacing, thickness, tumours, noiseSd, streaks);
    }

    public PhantomOptions withNoiseSd(double sd) {
        return new PhantomOptions(seed, size, slices, pixelSpacing, sliceSpacing, thickness, tumours, sd, streaks);
    }

    private static void require(boolean ok, String option, String problem) {
        if (!ok) throw new IllegalArgumentException("phantom option '" + option + "' " + problem);
    }
}
