package org.atrous.dicom;

/** A file cannot be used; the message is the one-line reason reported to the user. */
public final class UnreadableFileException extends Exception {
    public UnreadableFileException(String reason) {
        super(reason);
    }
}
