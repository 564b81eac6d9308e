package org.atrous.roi;

/**
 * What a results table shows for one class of a segmentation.
 *
 * @param label              label value
 * @param name               class name
 * @param voxels             number of voxels
 * @param volumeMl           volume in millilitres (voxels × voxel volume from DICOM spacing)
 * @param components         3D connected components (26-connectivity)
 * @param largestDiameterMm  longest in-plane diameter of any one 3D component over its slices
 *                           (RECIST-style axial longest diameter, per lesion: two lesions on one
 *                           slice are not measured across), in mm
 * @param meanValue          mean image value inside (HU for CT)
 * @param sdValue            standard deviation of image values inside
 * @param firstSlice         first slice (1-based, as ImageJ counts) that holds the class, 0 if none
 * @param lastSlice          last slice (1-based) that holds the class, 0 if none
 */
public record ClassMeasurement(int label, String name, long voxels, double volumeMl, int components,
                               double largestDiameterMm, double meanValue, double sdValue,
                               int firstSlice, int lastSlice) {
}
