package org.atrous.batch;

import java.io.Serializable;
import java.util.List;

import org.atrous.dicom.ZipInputs;

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
 * @param parts          how many volumes the series holds when it was read (a repeated scan stored
 *                       under one UID holds two); each has a row of its own, the first named by the
 *                       SeriesInstanceUID and the k-th by {@code <uid>#k} (see {@link #partUid}).
 *                       1 for a series of one volume; 0 when not read, and in older journal lines
 * @param scoreSeconds   scoring the result against the archive's own labels of the series (0
 *                       when it has none, and in journal lines of versions that counted it in
 *                       {@code writeSeconds})
 */
public record SeriesOutcome(String seriesUid, Status status, String reason, String modality, String size, String path,
                            String fileHash, String outputDir, double readSeconds, double inferenceSeconds,
                            double crfSeconds, double writeSeconds, List<ClassVolume> volumes, Double noiseHu,
                            int parts, double scoreSeconds) implements Serializable {

    public SeriesOutcome {
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        reason = reason == null ? "" : reason;
    }

    /** A row for a series that was not processed, with the index's figures. */
    public static SeriesOutcome of(SeriesEntry e, Status status, String reason) {
        return new SeriesOutcome(e.seriesUid(), status, reason, e.modality(),
                e.columns() + "x" + e.rows() + "x" + e.frames(), e.files().isEmpty() ? "" : e.files().get(0),
                e.fileHash(), "", 0, 0, 0, 0, List.of(), null, 0, 0);
    }

    /** A row for a single file (rejected or duplicate). */
    static SeriesOutcome ofFile(String path, String seriesUid, Status status, String reason) {
        return new SeriesOutcome(seriesUid, status, reason, "", "", path, "", "", 0, 0, 0, 0, List.of(), null, 0, 0);
    }

    public double totalSeconds() {
        return readSeconds + inferenceSeconds + crfSeconds + writeSeconds + scoreSeconds;
    }

    /** The same row as found again by a later run through the journal (a skipped volume stays skipped). */
    SeriesOutcome asAlreadyDone() {
        if (status == Status.SKIPPED) return this;
        return new SeriesOutcome(seriesUid, Status.ALREADY_DONE, reason, modality, size, path, fileHash, outputDir,
                readSeconds, inferenceSeconds, crfSeconds, writeSeconds, volumes, noiseHu, parts, scoreSeconds);
    }

    /** The same row, failed for {@code why} (its outputs, if any, not counted). */
    public SeriesOutcome failed(String why) {
        return as(Status.FAILED, why);
    }

    /**
     * The same row with its path and reason as the user knows the files: a file inside a zip as
     * {@code study.zip!/DICOM/IMG1}, not as the unpacked copy, which is gone after the run.
     */
    SeriesOutcome shown() {
        return named(ZipInputs::display);
    }

    /** The same row with its path and reason passed through {@code names} (copies of a zip's files named as in the zip). */
    SeriesOutcome named(java.util.function.UnaryOperator<String> names) {
        return new SeriesOutcome(seriesUid, status, names.apply(reason), modality, size, names.apply(path), fileHash,
                outputDir, readSeconds, inferenceSeconds, crfSeconds, writeSeconds, volumes, noiseHu, parts, scoreSeconds);
    }

    /** The same row with another status and reason, without outputs (failed or skipped). */
    SeriesOutcome as(Status s, String why) {
        return new SeriesOutcome(seriesUid, s, why, modality, size, path, fileHash, "", readSeconds,
                inferenceSeconds, crfSeconds, writeSeconds, List.of(), null, parts, scoreSeconds);
    }

    /** The name of the k-th volume (from 1) of a series: its UID for the first, {@code <uid>#k} after. */
    public static String partUid(String seriesUid, int k) {
        return k == 1 ? seriesUid : seriesUid + "#" + k;
    }
}
