package org.atrous.batch;

/** What happened to one row of a batch report. */
public enum Status {
    /** Segmented in this run; outputs written. */
    DONE("done"),
    /** Segmented by an earlier run on the same files (found in the journal); left as it was. */
    ALREADY_DONE("already done"),
    /** An image series that could not be segmented (unreadable, unsupported, inconsistent, an error). */
    FAILED("failed"),
    /** Left out on purpose: not an image series, a colour image, another modality, too few slices. */
    SKIPPED("skipped"),
    /** A second copy of an instance already indexed (same SOP Instance UID): not processed twice. */
    DUPLICATE("duplicate"),
    /** A file that is not DICOM or whose header cannot be read: belongs to no series. */
    REJECTED("rejected");

    private final String label;

    Status(String label) { this.label = label; }

    public String label() { return label; }

    /** True for the rows whose series has outputs in the output folder. */
    public boolean hasOutputs() { return this == DONE || this == ALREADY_DONE; }
}
