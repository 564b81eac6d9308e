package org.atrous.dicom;

import java.util.List;

/** All contours of one class: what an RT Structure Set calls a ROI. */
public record StructureContours(SegmentClass segmentClass, List<PlanarContour> contours) {

    public StructureContours {
        contours = List.copyOf(contours);
    }
}
