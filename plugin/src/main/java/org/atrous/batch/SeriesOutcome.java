package org.atrous.batch;

import java.io.Serializable;
import java.util.List;

/**
 * One row of a batch report and of the journal: a series (or a file that belongs to none) and
 * what became of it. Serialisable, so cluster tasks can return it to their driver.
 *
 * @param seriesUid      SeriesInstanceUID ("" for a file that belongs to no series)
 * @param status         what happened
 * @param reason         why it failed or was skipped, or what was noticed on a done series ("" if nothing)
 * @param modality       Modality ("" if unknown)
 * @param size           voxels as "nx x ny x nz" once read, else "rows x columns x frames" from the index
 * @param path           the file a file row is about, or the series' first file
 * @param fileHash       the index's hash of the series' files ("" for file rows)
 * @param outputDir      the series' output folder relative to the output root ("" when none)
 * @param readSeconds    reading the series
 * @param inferenceSeconds network inference
 * @param crfSeconds     dense CRF
 * @param writeSeconds   writing the outputs
 * @param volumes        per-class volume and component count (done series only)
 * @param noiseHu        the series' global noise level in HU (done CT series only; null when not
 *                       measured, and in journal lines of versions before it was recorded)
 */
public record SeriesOutcome(String seriesUid, Status status, String reason, String modality, String size, String path,
                            String fileHash, String outputDir, double readSeconds, double inferenceSeconds,
                            double crfSeconds, double writeSeconds, List<ClassVolume> volumes, Double noiseHu)
        implements Serializable {

    public SeriesOutcome {
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        reason = reason == null ? "" : reason;
    }

    /** A row for a series that was not processed, with the index's figures. */
    static SeriesOutcome of(SeriesEntry e, Status status, String reason) {
        return new SeriesOutcome(e.seriesUid(), status, reason, e.modality(),
                e.columns() + "x" + e.rows() + "x" + e.frames(), e.files().isEmpty() ? "" : e.files().get(0),
                e.fileHash(), "", 0, 0, 0, 0, List.of(), null);
    }

    /** A row for a single file (rejected or duplicate). */
    static SeriesOutcome ofFile(String path, String seriesUid, Status status, String reason) {
        return new SeriesOutcome(seriesUid, status, reason, "", "", path, "", "", 0, 0, 0, 0, List.of(), null);
    }

    public double totalSeconds() {
        return readSeconds + inferenceSeconds + crfSeconds + writeSeconds;
    }

    /** The same row as found again by a later run through the journal. */
    SeriesOutcome asAlreadyDone() {
        return new SeriesOutcome(seriesUid, Status.ALREADY_DONE, reason, modality, size, path, fileHash, outputDir,
                readSeconds, inferenceSeconds, crfSeconds, writeSeconds, volumes, noiseHu);
    }
}
