package org.atrous.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.atrous.dicom.CtSeriesWriter;

/**
 * A command's output folder, filled under a temporary name beside it and renamed into place
 * only when complete, so that a failed or interrupted run leaves no partial output. An existing
 * folder is replaced only with {@code --force}.
 */
final class OutputFolder implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private boolean committed;

    private OutputFolder(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    static OutputFolder open(Path target, boolean force) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs) && !force) {
            throw new IllegalArgumentException("output folder " + target + " exists; use --force to replace it");
        }
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        return new OutputFolder(abs, Files.createTempDirectory(parent, "." + abs.getFileName() + ".tmp"));
    }

    /** Where to write while the run lasts. */
    Path path() { return temp; }

    void commit() throws IOException {
        if (Files.exists(target)) {
            Path old = target.resolveSibling("." + target.getFileName() + ".old" + System.nanoTime());
            Files.move(target, old);
            deleteTree(old);
        }
        Files.move(temp, target);
        committed = true;
        try { // temporary folders are created owner-only; the result is an ordinary folder
            Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: keep the default permissions
        }
    }

    @Override
    public void close() {
        if (!committed) deleteTree(temp);
    }

    private static void deleteTree(Path p) {
        CtSeriesWriter.deleteQuietly(p);
    }
}
