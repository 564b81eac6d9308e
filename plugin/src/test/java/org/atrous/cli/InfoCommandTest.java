package org.atrous.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.atrous.dicom.SharedData;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

class InfoCommandTest {

    @Test
    void jsonForACleanSeriesExitsZero() throws Exception {
        String dir = SharedData.path("dicom-real/dcmqi/ct-3slice").toString();
        CliRun r = CliRun.of("info", "--json", dir);
        assertEquals(0, r.exit(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(1, root.get("series").size());
        JsonNode s = root.get("series").get(0);
        assertEquals("CT", s.get("modality").asText());
        assertEquals("[512,512,3]", s.get("dims").toString());
        assertEquals(1.0, s.get("spacingMm").get(2).asDouble(), 1e-9);
        assertEquals("LPS", s.get("orientation").asText(), "the real CT is a supine axial series");
        assertTrue(s.get("files").get(0).asText().endsWith("03.dcm"));
        assertEquals(-3024, s.get("values").get("min").asDouble(), 0);
        double gnl = s.get("noiseLevelHu").asDouble();
        assertTrue(gnl > 3 && gnl < 60, "a clinical CT's noise level, was " + gnl);
        assertEquals(0, root.get("rejected").size());
        assertEquals(1, r.out().trim().lines().count(), "exactly one JSON object on stdout");
    }

    @Test
    void rejectedFilesGiveExitOneAndStillOneJsonObject() throws Exception {
        CliRun r = CliRun.of("info", "--json", SharedData.path("dicom-real/pydicom").toString());
        assertEquals(1, r.exit());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertTrue(root.get("rejected").size() > 5);
        assertTrue(root.get("series").size() >= 2);
        root.get("rejected").forEach(f -> assertTrue(!f.get("reason").asText().isBlank()));
        // the SEG and the RT Structure Set are listed with their classes, not as rejected files
        List<String> kinds = new java.util.ArrayList<>();
        root.get("labelObjects").forEach(o -> kinds.add(Path.of(o.get("path").asText()).getFileName() + " "
                + o.get("kind").asText() + " " + o.get("classes")));
        assertTrue(kinds.contains("rtstruct.dcm RTSTRUCT [\"patient\",\"Isocenter 1\",\"Isocenter 2\"]"), kinds.toString());
        assertTrue(kinds.stream().anyMatch(k -> k.startsWith("liver_1frame.dcm SEG [")), kinds.toString());
        root.get("rejected").forEach(f -> assertTrue(!f.get("path").asText().endsWith("rtstruct.dcm")));
    }

    @Test
    void aFolderOfASeriesAndItsSegIsReadWhole() {
        CliRun r = CliRun.of("info", SharedData.path("dicom-real/dcmqi").toString());
        assertTrue(r.out().contains("segmentation " + SharedData.path("dicom-real/dcmqi/liver.dcm")
                + ": 1 class(es) [Liver], frame of reference "), r.out());
        assertTrue(r.out().contains("NRRD label map " + SharedData.path("dicom-real/dcmqi/liver_seg.nrrd")
                + ": 512 x 512 x 3 voxels, spacing 0.810547 x 0.810547 x 1.00000 mm, 1 class(es) [label 1]"), r.out());
        assertEquals(0, r.out().lines().filter(l -> l.startsWith("rejected")).count(), "dcmqi's NRRDs are label maps: " + r.out());
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void usageErrorExitsTwoAndHumanSummaryNamesTheSeries() {
        assertEquals(2, CliRun.of("info").exit());
        assertEquals(2, CliRun.of("info", "--bogus", "x").exit());
        CliRun r = CliRun.of("info", SharedData.path("dicom-real/dcmqi/ct-3slice").toString());
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("512 x 512 x 3 voxels, spacing 0.810547 x 0.810547 x 1.00000 mm"), r.out());
    }
}
