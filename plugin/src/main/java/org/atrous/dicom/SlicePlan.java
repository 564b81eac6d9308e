package org.atrous.dicom;

import java.util.List;

/** A series part ready to fill: its frames in slice order, the grid they span and what was noticed. */
record SlicePlan(String name, String description, List<FrameHeader> frames, Geometry geometry, List<String> warnings) {
}
