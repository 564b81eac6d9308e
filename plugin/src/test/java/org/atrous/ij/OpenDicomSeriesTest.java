package org.atrous.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import org.atrous.dicom.SharedData;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;

/** Opening a series says which SEGs and RT Structure Sets beside it label it, instead of calling them skipped. */
class OpenDicomSeriesTest {

    @Test
    void aSegBesideTheSeriesIsNamedForTheReader() {
        List<String> log = new ArrayList<>();
        ImagePlus imp = OpenDicomSeries.open(SharedData.path("dicom-real/dcmqi"), 0, new ProgressListener() {
            @Override public void log(String message) { log.add(message); }
        });
        assertEquals(3, imp.getStackSize());
        assertTrue(log.contains("liver.dcm labels this series (DICOM SEG: Liver); Open DICOM SEG... shows it"), log.toString());
        assertTrue(log.stream().noneMatch(m -> m.startsWith("skipped") && m.contains("liver.dcm")), log.toString());
        assertTrue(log.stream().anyMatch(m -> m.startsWith("skipped") && m.endsWith(".nrrd: not a DICOM file "
                + "(no DICM preamble and no DICOM data set at the start)")), "other files are still reported: " + log);
    }

    /** The same folder as a zip (a web viewer's study download) opens the same way. */
    @Test
    void aZippedStudyOpensAsItsFolder(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path dcmqi = SharedData.path("dicom-real/dcmqi"), zip = tmp.resolve("study.zip");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(zip))) {
            for (String f : new String[] {"ct-3slice/01.dcm", "ct-3slice/02.dcm", "ct-3slice/03.dcm", "liver.dcm"}) {
                z.putNextEntry(new java.util.zip.ZipEntry(f));
                z.write(java.nio.file.Files.readAllBytes(dcmqi.resolve(f)));
            }
        }
        List<String> log = new ArrayList<>();
        ImagePlus imp = OpenDicomSeries.open(zip, 0, new ProgressListener() {
            @Override public void log(String message) { log.add(message); }
        });
        assertEquals(3, imp.getStackSize());
        assertTrue(log.contains("liver.dcm labels this series (DICOM SEG: Liver); Open DICOM SEG... shows it"), log.toString());
    }
}
