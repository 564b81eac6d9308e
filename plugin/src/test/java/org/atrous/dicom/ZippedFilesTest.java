package org.atrous.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.atrous.model.ModelStore;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An archive's zip read series by series: its files named in it, only the files asked for
 * copied out, copies removed on close; bad zips and zip-slip entries named.
 */
class ZippedFilesTest {

    /** Two series of three slices in one zip, in folders A/ and B/, with a README. */
    private static Path twoSeriesZip(Path dir) throws Exception {
        Path zip = dir.resolve("study.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String s : List.of("A", "B")) {
                String uid = "1.2.826.0.1.3680043.10.999.8." + (s.equals("A") ? 1 : 2);
                for (int i = 0; i < 3; i++) {
                    Path tmp = dir.resolve("tmp-" + s + i);
                    SyntheticDicom.ctSlice(uid, uid + "." + (i + 1), i + 1, 2.5 * i, 4, 3, 100 * i).write(tmp.toFile());
                    z.putNextEntry(new ZipEntry(s + "/IMG" + i));
                    z.write(Files.readAllBytes(tmp));
                    Files.delete(tmp);
                }
            }
            z.putNextEntry(new ZipEntry("README.txt"));
            z.write("exported by a viewer".getBytes());
        }
        return zip;
    }

    @Test
    void onlyTheSeriesAskedForIsCopiedOutAndItsCopiesGoOnClose(@TempDir Path dir) throws Exception {
        Path zip = twoSeriesZip(dir);
        String sha = ModelStore.sha256(zip);
        List<RejectedFile> rejected = new ArrayList<>();
        List<String> names = InstanceSummary.archiveCandidates(List.of(dir), rejected).stream().map(File::getPath).toList();
        assertTrue(rejected.isEmpty(), rejected.toString());
        String prefix = zip.toAbsolutePath() + "!/";
        assertEquals(List.of(prefix + "A/IMG0", prefix + "A/IMG1", prefix + "A/IMG2", prefix + "B/IMG0", prefix + "B/IMG1",
                prefix + "B/IMG2", prefix + "README.txt"), names, "the zip's files, named in it, not unpacked");
        assertTrue(ZippedFiles.isInZip(names.get(0)));
        assertFalse(ZippedFiles.isInZip(zip.toString()));
        assertFalse(ZippedFiles.isInZip("/data/not-a-zip!/IMG0"));

        List<String> seriesB = names.subList(3, 6);
        Path copyRoot;
        try (ZippedFiles zips = new ZippedFiles()) {
            List<Path> files = zips.local(seriesB);
            copyRoot = files.get(0).getParent().getParent().getParent();
            try (Stream<Path> all = Files.walk(copyRoot)) {
                assertEquals(3, all.filter(Files::isRegularFile).count(), "series B's three files only");
            }
            Volume v = new SeriesReader(1).read(files, ProgressListener.NONE).parts().get(0).volume();
            assertArrayEquals(new int[] {3, 4, 3}, v.geometry().dims());
            assertEquals("1.2.826.0.1.3680043.10.999.8.2", v.identity().seriesInstanceUid());
            assertEquals(prefix + "B/IMG1: read", zips.shown(files.get(1) + ": read"), "copies named as in the zip");
            assertEquals(24, zips.size(names.get(6)) + 4, "README's size, from the zip");
            zips.release(seriesB.get(0));
            assertFalse(Files.exists(files.get(0)), "a released copy is gone at once");
        }
        assertFalse(Files.exists(copyRoot), "the copies are removed on close");
        assertEquals(sha, ModelStore.sha256(zip), "the zip is only read");

        try (ZippedFiles zips = new ZippedFiles()) {
            IOException e = assertThrows(IOException.class, () -> zips.local(prefix + "C/IMG0"));
            assertEquals(prefix + "C/IMG0: no such file in the zip", e.getMessage());
            assertEquals(Path.of("/plain/file"), zips.local("/plain/file"), "a plain file is its own");
        }
    }

    @Test
    void aBrokenZipAndOneEscapingItsFolderAreRefusedByName(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.zip");
        byte[] whole = Files.readAllBytes(twoSeriesZip(Files.createDirectories(dir.resolve("w"))));
        Files.write(broken, java.util.Arrays.copyOf(whole, 60));
        Path evil = dir.resolve("evil.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(evil))) {
            z.putNextEntry(new ZipEntry("ok/IMG0"));
            z.write(new byte[] {1});
            z.putNextEntry(new ZipEntry("../../outside.dcm"));
            z.write(new byte[] {1, 2, 3});
        }
        List<RejectedFile> rejected = new ArrayList<>();
        List<File> files = InstanceSummary.archiveCandidates(List.of(broken, evil), rejected);
        assertTrue(files.isEmpty(), "nothing of either is indexed: " + files);
        assertEquals(2, rejected.size(), rejected.toString());
        assertTrue(rejected.get(0).reason().contains("not a readable zip file"), rejected.get(0).reason());
        assertTrue(rejected.get(1).reason().contains("entry '../../outside.dcm' points outside the zip's folder: refused"),
                rejected.get(1).reason());
    }
}
