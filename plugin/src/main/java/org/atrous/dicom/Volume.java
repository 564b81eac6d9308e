package org.atrous.dicom;

import java.util.List;

/**
 * A scalar volume on a {@link Geometry}: CT in Hounsfield units, other modalities in their
 * modality values (rescale applied). Voxels are indexed {@code (z*ny + y)*nx + x}.
 *
 * @param data      voxel values, length {@code geometry.voxelCount()}
 * @param geometry  where the voxels sit in patient space
 * @param identity  patient, study and series identifiers of the source
 * @param slices    one entry per slice z, in slice order (empty for non-DICOM input)
 * @param window    default display window {centre, width}, or null when the source gave none
 * @param warnings  what the reader noticed but accepted (gaps, uneven spacing, tilt)
 */
public record Volume(float[] data, Geometry geometry, SeriesIdentity identity, List<SliceSource> slices,
                     double[] window, List<String> warnings) {

    public Volume {
        if (data.length != geometry.voxelCount()) {
            throw new IllegalArgumentException("volume has " + data.length + " values for "
                    + geometry.voxelCount() + " voxels");
        }
        if (!slices.isEmpty() && slices.size() != geometry.nz()) {
            throw new IllegalArgumentException(slices.size() + " slice sources for " + geometry.nz() + " slices");
        }
        slices = List.copyOf(slices);
        warnings = List.copyOf(warnings);
    }

    /** A volume without DICOM provenance (synthetic data, NIfTI, tests). */
    public static Volume of(float[] data, Geometry geometry, String modality) {
        return new Volume(data, geometry, SeriesIdentity.ofModality(modality), List.of(), null, List.of());
    }

    public float get(int x, int y, int z) {
        return data[(z * geometry.ny() + y) * geometry.nx() + x];
    }

    public String modality() { return identity.modality(); }

    /** Minimum, maximum and mean of all voxels. */
    public double[] stats() {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0;
        for (float v : data) {
            if (v < min) min = v;
            if (v > max) max = v;
            sum += v;
        }
        return new double[] {min, max, sum / data.length};
    }
}
