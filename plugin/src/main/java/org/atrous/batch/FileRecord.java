package org.atrous.batch;

import org.atrous.dicom.InstanceSummary;

/**
 * What the index knows of one file, cached in the output folder so that a rerun reads again
 * only the files whose size or modification time changed.
 *
 * @param path     absolute path
 * @param size     bytes
 * @param modified last modification, milliseconds since the epoch
 * @param sha256   SHA-256 of the file's bytes
 * @param summary  its header summary, or null when it is not DICOM or its header is unreadable
 * @param rejected why it was rejected (summary null), else null
 */
record FileRecord(String path, long size, long modified, String sha256, InstanceSummary summary, String rejected) {

    boolean sameFile(long size, long modified) {
        return this.size == size && this.modified == modified;
    }

    /** Files with a problem sort after good files, so a duplicate pair keeps the good copy. */
    int rank() {
        return summary != null && summary.problem() == null ? 0 : 1;
    }
}
