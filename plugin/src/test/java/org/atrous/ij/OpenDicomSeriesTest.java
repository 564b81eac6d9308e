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
}
