package org.atrous.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SequenceAttribute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RtStructWriterTest {

    static final SegmentClass LIVER = new SegmentClass(1, "liver", new int[] {200, 100, 50},
            SegmentClass.ANATOMICAL_STRUCTURE, CodedConcept.sct("10200004", "Liver"));

    /** A 3-slice CT-like volume with DICOM provenance (made-up but valid UIDs). */
    static Volume source() {
        Geometry g = new Geometry(new int[] {16, 12, 3}, new double[] {0.5, 0.5, 2.0},
                new double[] {-100, -80, 30}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        List<SliceSource> slices = new ArrayList<>();
        for (int z = 0; z < 3; z++) slices.add(new SliceSource("2.25.1000" + z, "1.2.840.10008.5.1.4.1.1.2", "", 1, ""));
        SeriesIdentity id = new SeriesIdentity("P1", "TEST^PATIENT", "19700101", "O", "2.25.77", "1", "20260101",
                "120000", "test", "ACC1", "2.25.78", "3", "ct", "2.25.79", "CT", "test");
        return new Volume(new float[16 * 12 * 3], g, id, slices, new double[] {40, 400}, List.of());
    }

    static final String LONG_DESCRIPTION = "model ct-abdomen 1.8.0, CRF 3d 5 iterations, region zoom 1.5x, "
            + "liver tumour components < 1 mL removed";

    @Test
    void contoursLandInPatientCoordinatesOnTheirSlices(@TempDir Path dir) throws Exception {
        // the square of pixels x 2..5, y 3..6 on slice 1: edge coordinates 2..6, 3..7
        PlanarContour square = new PlanarContour(1, new double[] {2, 3, 6, 3, 6, 7, 2, 7});
        Path out = dir.resolve("rtstruct.dcm");
        RtStructWriter.write(source(), List.of(new StructureContours(LIVER, List.of(square))),
                new SegmentationAlgorithm(false, "Atrous", "0.1.0", LONG_DESCRIPTION), out);
        assertTrue(Files.exists(out));
        assertTrue(Files.list(dir).noneMatch(p -> p.toString().endsWith(".part")));

        AttributeList l = new AttributeList();
        l.read(out.toString());
        assertEquals(LONG_DESCRIPTION, Attribute.getSingleStringValueOrEmptyString(l,
                RtStructWriter.STRUCTURE_SET_DESCRIPTION).stripTrailing(), "the whole description, which an ROI's 64 characters cut");
        SequenceAttribute rois = (SequenceAttribute) l.get(RtStructWriter.STRUCTURE_SET_ROI_SEQUENCE);
        assertEquals("liver", Attribute.getSingleStringValueOrEmptyString(
                rois.getItem(0).getAttributeList(), RtStructWriter.ROI_NAME));
        SequenceAttribute roiContours = (SequenceAttribute) l.get(RtStructWriter.ROI_CONTOUR_SEQUENCE);
        SequenceAttribute contours = (SequenceAttribute) roiContours.getItem(0).getAttributeList()
                .get(RtStructWriter.CONTOUR_SEQUENCE);
        AttributeList c = contours.getItem(0).getAttributeList();
        double[] data = c.get(RtStructWriter.CONTOUR_DATA).getDoubleValues();
        // first vertex: edge (2,3) is pixel-centre coordinate (1.5, 2.5) → origin + (0.75, 1.25, 2.0)
        assertEquals(-99.25, data[0], 1e-9);
        assertEquals(-78.75, data[1], 1e-9);
        assertEquals(32.0, data[2], 1e-9);
        SequenceAttribute img = (SequenceAttribute) c.get(RtStructWriter.CONTOUR_IMAGE_SEQUENCE);
        assertEquals("2.25.10001", Attribute.getSingleStringValueOrEmptyString(img.getItem(0).getAttributeList(),
                com.pixelmed.dicom.TagFromName.ReferencedSOPInstanceUID));
        assertEquals(List.of(), Dciodvfy.errors(out), Dciodvfy.report(out));
    }
}
