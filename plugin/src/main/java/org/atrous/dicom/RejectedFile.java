package org.atrous.dicom;

/** A file the reader did not use, with a one-line reason a user can act on. */
public record RejectedFile(String path, String reason) {
}
