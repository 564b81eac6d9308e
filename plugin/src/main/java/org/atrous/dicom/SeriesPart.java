package org.atrous.dicom;

/**
 * One readable part of a series. A series that mixes image sizes, orientations or
 * overlapping acquisitions is split; its first part is named by the SeriesInstanceUID, the
 * following ones {@code <uid>#2}, {@code <uid>#3} ...
 *
 * @param name        the SeriesInstanceUID, with {@code #n} for the n-th part of a split series
 * @param description what sets this part apart, e.g. "512x512, acquisition 2"
 * @param volume      its voxels and provenance
 * @param files       the source file of each slice, in slice order
 */
public record SeriesPart(String name, String description, Volume volume, java.util.List<String> files) {
    public SeriesPart {
        files = java.util.List.copyOf(files);
    }
}
