package org.atrous.roi;

/**
 * What one 3D connected component of a class measures: one tumour of several, a kidney, a
 * stray island the model left. Clinicians follow lesions one by one (RECIST, tumour burden),
 * which a per-class total cannot show.
 *
 * @param label              label value of its class
 * @param name               class name
 * @param index              1 for the class's largest component, 2 for the next, ...
 * @param voxels             number of voxels
 * @param volumeMl           volume in millilitres, from the DICOM voxel spacing
 * @param longestDiameterMm  longest in-plane diameter over its slices (RECIST's axial longest
 *                           diameter), in mm
 * @param shortAxisMm        on that slice, the longest chord perpendicular to it (RECIST's short
 *                           axis), in mm
 * @param diameterSlice      the slice (1-based) where the longest diameter lies
 * @param meanValue          mean image value inside (HU for CT), NaN without an image
 * @param sdValue            standard deviation of the image values inside
 * @param centroidX          centroid in patient coordinates (DICOM LPS), mm
 * @param centroidY          see centroidX
 * @param centroidZ          see centroidX
 * @param firstSlice         first slice (1-based) that holds it
 * @param lastSlice          last slice (1-based) that holds it
 * @param meanProbability    the network's mean probability of the class over it (how sure the
 *                           model was), NaN when the probabilities are not at hand
 */
public record ComponentMeasurement(int label, String name, int index, long voxels, double volumeMl,
                                   double longestDiameterMm, double shortAxisMm, int diameterSlice,
                                   double meanValue, double sdValue, double centroidX, double centroidY,
                                   double centroidZ, int firstSlice, int lastSlice, double meanProbability) {
}
