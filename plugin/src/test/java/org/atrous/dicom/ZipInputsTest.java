package org.atrous.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.atrous.model.ModelStore;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A study handed out as a zip reads as the folder it holds; the zip is only read; bad zips are named. */
class ZipInputsTest {

    private static final String SERIES = "1.2.826.0.1.3680043.10.999.7";

    /** Three slices in DICOM/ of a zip, with a README beside them, as web viewers export a study. */
    private static Path studyZip(Path dir, String name) throws Exception {
        Path slices = Files.createDirectories(dir.resolve("slices-" + name));
        for (int i = 0; i < 3; i++) {
            SyntheticDicom.ctSlice(SERIES, SERIES + "." + (i + 1), i + 1, 2.5 * i, 4, 3, 100 * i)
                    .write(slices.resolve("IMG" + i).toFile());
        }
        Path zip = dir.resolve(name);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("DICOM/"));
            for (int i = 0; i < 3; i++) {
                z.putNextEntry(new ZipEntry("DICOM/IMG" + i));
                z.write(Files.readAllBytes(slices.resolve("IMG" + i)));
            }
            z.putNextEntry(new ZipEntry("README.txt"));
            z.write("exported by a viewer".getBytes());
        }
        return zip;
    }

    @Test
    void aZippedStudyReadsAsItsFolderAndTheZipIsOnlyRead(@TempDir Path dir) throws Exception {
        Path zip = studyZip(dir, "study.zip");
        String before = ModelStore.sha256(zip);
        SeriesReadResult r = new SeriesReader().read(zip, ProgressListener.NONE);
        Volume v = r.parts().get(0).volume();
        assertArrayEquals(new int[] {3, 4, 3}, v.geometry().dims());
        assertEquals(SERIES, v.identity().seriesInstanceUid());
        assertEquals(100 - 1024, v.get(0, 0, 1), 1e-6);
        assertEquals(before, ModelStore.sha256(zip), "the zip is unchanged");

        // found inside a folder too, and shown to the user as the zip names it
        List<RejectedFile> rejected = new ArrayList<>();
        List<java.io.File> files = InputFiles.expand(List.of(dir), rejected);
        String readme = files.stream().map(java.io.File::getPath).filter(p -> p.endsWith("README.txt")).findFirst().orElseThrow();
        assertEquals(zip.toAbsolutePath() + "!/README.txt", ZipInputs.display(readme));
        assertTrue(ZipInputs.isUnpacked(readme));
        Path unpacked = Path.of(readme).getParent();
        ZipInputs.removeAll();
        assertFalse(Files.exists(unpacked), "the unpacked copy is removed");
        assertFalse(ZipInputs.isUnpacked(readme));
    }

    @Test
    void aBrokenZipAndOneEscapingItsFolderAreRefusedByName(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.zip");
        byte[] whole = Files.readAllBytes(studyZip(dir, "whole.zip"));
        Files.write(broken, java.util.Arrays.copyOf(whole, 60)); // the first entry's header, then nothing
        Path evil = dir.resolve("evil.zip");
        try (OutputStream out = Files.newOutputStream(evil); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("../../outside.dcm"));
            z.write(new byte[] {1, 2, 3});
        }
        List<RejectedFile> rejected = new ArrayList<>();
        InputFiles.expand(List.of(broken, evil), rejected);
        assertEquals(2, rejected.size(), rejected.toString());
        assertTrue(rejected.get(0).reason().contains("not a readable zip file"), rejected.get(0).reason());
        assertTrue(rejected.get(1).reason().contains("entry '../../outside.dcm' points outside the zip's folder: refused"),
                rejected.get(1).reason());
        assertFalse(Files.exists(dir.getParent().resolve("outside.dcm")));
        ZipInputs.removeAll();
    }
}
