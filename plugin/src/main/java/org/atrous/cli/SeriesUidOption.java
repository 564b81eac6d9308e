package org.atrous.cli;

import java.nio.file.Path;
import java.util.List;

import org.atrous.dicom.SeriesPart;
import picocli.CommandLine.Option;

/** {@code --series-uid}: which series of a folder a command means, when it holds several. */
final class SeriesUidOption {

    @Option(names = "--series-uid", description = "the series, when the input holds several") String uid;

    /** The only series read from {@code input}, or the one {@code --series-uid} names. */
    SeriesPart choose(List<SeriesPart> parts, Path input) {
        if (parts.isEmpty()) throw new IllegalArgumentException("no readable image series in " + input);
        if (uid != null) {
            return parts.stream().filter(p -> p.volume().identity().seriesInstanceUid().equals(uid)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no series " + uid + " in " + input));
        }
        if (parts.size() > 1) {
            throw new IllegalArgumentException(input + " holds " + parts.size() + " series: choose one with "
                    + "--series-uid " + parts.stream().map(p -> p.volume().identity().seriesInstanceUid()).toList());
        }
        return parts.get(0);
    }
}
