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

    public List<Volume> volumes() {
        return parts.stream().map(SeriesPart::volume).toList();
    }
}
