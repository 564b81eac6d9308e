package org.atrous.batch;

import java.io.Serializable;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One series of an archive index: the unit of work of a batch, locally or on a cluster. It is
 * serialisable and self-contained (absolute file paths), so a task anywhere that sees the same
 * file system can process it with {@link SeriesProcessor#process}.
 *
 * @param seriesUid SeriesInstanceUID, the key of the journal and the name of the output folder
 * @param modality  Modality of its first file
 * @param rows      Rows of its first file
 * @param columns   Columns of its first file
 * @param frames    frames over all its files (slices, before the reader checks them)
 * @param files     absolute paths of its files, one per SOP instance (duplicates left out), sorted
 * @param fileHash  SHA-256 over the sorted SHA-256 of each file's bytes: a series whose files
 *                  change gets a new hash and is redone
 * @param image     false when its objects are not images (SEG, RT Structure Set, ...): skipped
 * @param problem   why none of its files can be read as slices (for example an unsupported
 *                  transfer syntax), or null
 * @param references absolute paths of the DICOM SEGs and RT Structure Sets in the archive that
 *                  label this series: the batch scores its result against each
 */
public record SeriesEntry(String seriesUid, String modality, int rows, int columns, int frames, List<String> files,
                          String fileHash, boolean image, String problem,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> references) implements Serializable {

    public SeriesEntry {
        files = List.copyOf(files);
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** A series no label object references. */
    public SeriesEntry(String seriesUid, String modality, int rows, int columns, int frames, List<String> files,
                       String fileHash, boolean image, String problem) {
        this(seriesUid, modality, rows, columns, frames, files, fileHash, image, problem, List.of());
    }

    /** The same series labelled by {@code paths}. */
    public SeriesEntry withReferences(List<String> paths) {
        return new SeriesEntry(seriesUid, modality, rows, columns, frames, files, fileHash, image, problem, paths);
    }

    /** Voxels the series will have once read. */
    public long voxels() {
        return (long) rows * columns * frames;
    }

    /** The journal key: a series counts as done only for the same files. */
    public String journalKey() {
        return seriesUid + "|" + fileHash;
    }
}
