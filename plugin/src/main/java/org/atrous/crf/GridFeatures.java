package org.atrous.crf;

/**
 * Kernel features of a voxel grid in physical units: position in mm divided by the spatial
 * standard deviation (x, y and, for volumes of more than one slice, z, each with its own voxel
 * spacing), optionally followed by the intensity (HU or image units) divided by its standard
 * deviation, repeated {@code intensityCopies} times (3 reproduces the reference's RGB feature
 * built from a gray image). Voxel i = (z * H + y) * W + x; coordinates are voxel indices from 0
 * times the spacing, as in the reference. A grid cut out of a larger one ({@link #at}) keeps
 * the larger grid's coordinates: the lattice is not shift-invariant, so only then does a voxel
 * of the cut-out land on the same lattice vertices as in the whole.
 */
public final class GridFeatures implements FeatureSource {

    private final int width;
    private final int height;
    private final int depth;
    private final boolean useZ;
    private final float[] spacing;
    private final float spatialSd;
    private final float[] image;
    private final float intensitySd;
    private final int copies;
    private final int[] origin;

    private GridFeatures(int[] dims, double[] spacingMm, double spatialSdMm, float[] image,
                         double intensitySd, int copies) {
        this(dims, spacingMm, spatialSdMm, image, intensitySd, copies, new int[3]);
    }

    private GridFeatures(int[] dims, double[] spacingMm, double spatialSdMm, float[] image,
                         double intensitySd, int copies, int[] origin) {
        CrfValidation.dims(dims);
        CrfValidation.spacing(spacingMm);
        CrfValidation.positive("spatial standard deviation", spatialSdMm);
        this.width = dims[0];
        this.height = dims[1];
        this.depth = dims[2];
        this.useZ = depth > 1;
        this.spacing = new float[] {(float) spacingMm[0], (float) spacingMm[1], (float) spacingMm[2]};
        this.spatialSd = (float) spatialSdMm;
        this.image = image;
        this.intensitySd = (float) intensitySd;
        this.copies = copies;
        this.origin = origin.clone();
        if (image != null) {
            CrfValidation.positive("intensity standard deviation", intensitySd);
            CrfValidation.finiteArray("image", image, (long) width * height * depth);
            if (copies < 1) throw new IllegalArgumentException("intensity copies must be at least 1");
        }
        checkRange();
    }

    /** Lattice keys are ints: features beyond 1e7 standard deviations could overflow them. */
    private void checkRange() {
        double extent = Math.max(width * spacingMm(0), Math.max(height * spacingMm(1), depth * spacingMm(2)));
        double largest = extent / spatialSd;
        if (image != null) {
            float max = 0;
            for (float v : image) max = Math.max(max, Math.abs(v));
            largest = Math.max(largest, max / intensitySd);
        }
        if (largest > 1e7) {
            throw new IllegalArgumentException("features span " + largest
                    + " standard deviations (limit 1e7): is a standard deviation far too small?");
        }
    }

    private double spacingMm(int axis) {
        return spacing[axis];
    }

    /** Smoothness kernel: position only. {@code dims} = {W, H, D}, spacing in mm (x, y, z). */
    public static GridFeatures spatial(int[] dims, double[] spacingMm, double sdMm) {
        return new GridFeatures(dims, spacingMm, sdMm, null, 1, 0);
    }

    /** Appearance kernel: position and intensity ({@code image} has W*H*D values). */
    public static GridFeatures bilateral(int[] dims, double[] spacingMm, double sdMm,
                                         float[] image, double sdIntensity, int intensityCopies) {
        return new GridFeatures(dims, spacingMm, sdMm, image, sdIntensity, intensityCopies);
    }

    /**
     * The same features for a grid whose first voxel is voxel {@code origin} (x, y, z) of a larger
     * grid, so that its coordinates are the larger grid's.
     */
    public GridFeatures at(int[] origin) {
        if (origin.length != 3) throw new IllegalArgumentException("origin needs x, y and z");
        return new GridFeatures(new int[] {width, height, depth}, new double[] {spacing[0], spacing[1], spacing[2]},
                spatialSd, image, intensitySd, copies, origin);
    }

    @Override
    public int dimensions() {
        return (useZ ? 3 : 2) + (image == null ? 0 : copies);
    }

    @Override
    public int size() {
        return width * height * depth;
    }

    @Override
    public void feature(int i, float[] out) {
        int x = i % width + origin[0];
        int rest = i / width;
        int y = rest % height + origin[1];
        int k = 0;
        out[k++] = x * spacing[0] / spatialSd;
        out[k++] = y * spacing[1] / spatialSd;
        if (useZ) out[k++] = (rest / height + origin[2]) * spacing[2] / spatialSd;
        if (image != null) {
            float g = image[i] / intensitySd;
            for (int c = 0; c < copies; c++) out[k++] = g;
        }
    }
}
