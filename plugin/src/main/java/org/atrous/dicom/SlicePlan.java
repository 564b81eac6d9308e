package org.atrous.dicom;

import java.util.List;

/**
 * A series part ready to fill: its frames in slice order, the grid they span and what was noticed.
 *
 * @param description what sets this part apart from other parts of its series ("" or ", ...")
 * @param duplicates  frames left out for repeating a position: decoded only to check them
 */
record SlicePlan(String name, String description, List<FrameHeader> frames, Geometry geometry, List<String> warnings,
                 List<FrameHeader> duplicates) {

    /** The same part without the frames of the given files, re-ordered and re-measured. */
    SlicePlan without(java.util.Set<String> paths) {
        List<FrameHeader> kept = frames.stream().filter(f -> !paths.contains(f.path())).toList();
        return kept.isEmpty() ? null : SliceOrder.plan(name, description, kept);
    }
}
