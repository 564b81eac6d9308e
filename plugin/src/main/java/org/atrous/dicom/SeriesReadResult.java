package org.atrous.dicom;

import java.util.List;

/**
 * What {@link SeriesReader} found: the series parts it could read, the files it rejected and
 * warnings that concern no single series (volume-level warnings live in {@link Volume#warnings()}).
 */
public record SeriesReadResult(List<SeriesPart> parts, List<RejectedFile> rejected, List<String> warnings) {

    public SeriesReadResult {
        parts = List.copyOf(parts);
        rejected = List.copyOf(rejected);
        warnings = List.copyOf(warnings);
    }

    /** Parts of at most this many slices beside a larger part of the same series are localizers. */
    public static final int LOCALIZER_SLICES = 2;

    public List<Volume> volumes() {
        return parts.stream().map(SeriesPart::volume).toList();
    }

    /**
     * Localizers (scouts) and stray images stored in a series beside its volume: parts of at most
     * {@link #LOCALIZER_SLICES} slices whose series also has a larger part. Not worth segmenting.
     */
    public List<SeriesPart> localizers() {
        return parts.stream().filter(p -> p.volume().geometry().nz() <= LOCALIZER_SLICES && parts.stream().anyMatch(
                q -> q.volume().geometry().nz() > LOCALIZER_SLICES && sameSeries(p, q))).toList();
    }

    /** The parts to segment: all but the localizers. */
    public List<SeriesPart> segmentable() {
        List<SeriesPart> localizers = localizers();
        return parts.stream().filter(p -> !localizers.contains(p)).toList();
    }

    private static boolean sameSeries(SeriesPart a, SeriesPart b) {
        return a.volume().identity().seriesInstanceUid().equals(b.volume().identity().seriesInstanceUid());
    }
}
