package org.atrous.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveIndexerTest {

    @Test
    void seriesAreIndexedOnceWithDuplicatesListedAndEntriesSerialisable(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("archive"), out = dir.resolve("out");
        String uid = TestArchive.ct(11, archive.resolve("a/ct"), 3).ct().identity().seriesInstanceUid();
        TestArchive.copyTree(archive.resolve("a/ct"), archive.resolve("b"));
        TestArchive.garbage(archive.resolve("readme.dcm"), 1);
        SeriesIndex index = new ArchiveIndexer(2).index(List.of(archive), out, ProgressListener.NONE);

        assertEquals(1, index.entries().size());
        SeriesEntry e = index.entries().get(0);
        assertEquals(uid, e.seriesUid());
        assertEquals(3, e.frames());
        assertTrue(e.files().stream().allMatch(f -> f.contains("/a/ct/")), e.files().toString());
        assertNull(e.problem());
        assertEquals(3, index.fileRows().stream().filter(r -> r.status() == Status.DUPLICATE).count());
        assertEquals(1, index.fileRows().stream().filter(r -> r.status() == Status.REJECTED).count());
        assertEquals(index, SeriesIndex.read(out));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(e);
            o.writeObject(BatchOptions.defaults());
        }
        try (ObjectInputStream in = new ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(e, in.readObject());
            assertEquals(BatchOptions.defaults(), in.readObject());
        }
    }

    @Test
    void aChangedFileChangesTheSeriesHash(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("archive"), out = dir.resolve("out");
        TestArchive.ct(12, archive.resolve("ct"), 2);
        String before = new ArchiveIndexer(1).index(List.of(archive), out, ProgressListener.NONE).entries().get(0).fileHash();
        assertEquals(before, new ArchiveIndexer(1).index(List.of(archive), out, ProgressListener.NONE).entries().get(0).fileHash());
        Path f = archive.resolve("ct/IMG0002.dcm");
        byte[] b = Files.readAllBytes(f);
        b[b.length - 1] ^= 1; // one pixel bit
        Files.write(f, b);
        Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 2000));
        assertNotEquals(before, new ArchiveIndexer(1).index(List.of(archive), out, ProgressListener.NONE).entries().get(0).fileHash());
    }
}
