package org.atrous.batch;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one-writer-per-output-folder lock shared by the local batch and the cluster job: an OS
 * file lock on {@code OUT/.lock}, so a second run on the same folder (in this JVM or another,
 * whichever engine) is refused instead of interleaving its journal and outputs with ours. The
 * OS drops the lock when the process dies, so a crash never leaves the folder locked.
 */
public final class OutputLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code out} (an existing folder) or fails with a message naming it. */
    public static OutputLock acquire(Path out) throws IOException {
        FileChannel channel = FileChannel.open(out.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("another batch is writing to " + out);
        }
        return new OutputLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
