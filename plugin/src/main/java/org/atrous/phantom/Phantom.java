package org.atrous.phantom;

import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.Volume;

/**
 * A generated abdomen: the CT in HU, its exact ground truth on the same grid, and how many
 * liver tumours it holds.
 */
public record Phantom(Volume ct, LabelVolume labels, int tumours, PhantomOptions options) {
}
