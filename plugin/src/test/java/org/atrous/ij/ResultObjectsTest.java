package org.atrous.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import ij.measure.ResultsTable;
import org.atrous.dicom.SegmentClass;
import org.atrous.roi.ComponentMeasurement;
import org.junit.jupiter.api.Test;

class ResultObjectsTest {

    private static final SegmentClass LIVER = new SegmentClass(1, "liver", new int[] {200, 100, 50}, null, null);
    private static final SegmentClass TUMOUR = new SegmentClass(2, "liver tumour", new int[] {250, 250, 0}, null, null);

    private static ComponentMeasurement row(SegmentClass c, int index, double ml) {
        return new ComponentMeasurement(c.label(), c.name(), index, 100, ml, 30, 20, 4, 60, 10, -1, 2, 3, 2, 6, 0.9);
    }

    @Test
    void componentRowsOfShownClassesReplaceThisImagesRowsOnly() {
        ResultsTable rt = new ResultsTable();
        rt.incrementCounter();
        rt.addValue("Image", "other");
        List<ComponentMeasurement> rows = List.of(row(LIVER, 1, 1500), row(TUMOUR, 1, 12.5), row(TUMOUR, 2, 1.25));
        ResultObjects.fillComponents(rt, "ct", rows, List.of(LIVER, TUMOUR));
        ResultObjects.fillComponents(rt, "ct", rows, List.of(TUMOUR));
        assertEquals(3, rt.size(), "the other image's row and this image's two tumours");
        assertEquals("other", rt.getStringValue("Image", 0));
        assertEquals("liver tumour", rt.getStringValue("Class", 1));
        assertEquals(2, rt.getValue("Component", 2), 0);
        assertEquals(1.25, rt.getValue("Volume (mL)", 2), 0);
        assertEquals(20, rt.getValue("Short axis (mm)", 1), 0);
        assertEquals(0.9, rt.getValue("Mean probability", 1), 0);
    }
}
