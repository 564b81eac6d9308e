package org.atrous.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.atrous.phantom.AbdomenPhantom;
import org.atrous.phantom.Phantom;
import org.atrous.phantom.PhantomOptions;
import org.atrous.progress.ProgressListener;
import org.atrous.roi.LabelContours;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RtStructReaderTest {

    private static final SegmentationAlgorithm ALGO = new SegmentationAlgorithm(false, "Atrous", "test", "test");

    private static Phantom phantom() {
        return AbdomenPhantom.generate(new PhantomOptions(5, 128, 6, 0, 5, 5, 2, 15, false), ProgressListener.NONE);
    }

    private static SegmentClass cls(int label, String name) {
        return new SegmentClass(label, name, new int[] {255, 0, 0}, SegmentClass.ANATOMICAL_STRUCTURE,
                new CodedConcept("", "", name));
    }

    /** A polygon in pixel-edge coordinates (as ImageJ traces) on {@code slice}. */
    private static PlanarContour square(int slice, int x0, int y0, int side) {
        return new PlanarContour(slice, new double[] {x0, y0, x0 + side, y0, x0 + side, y0 + side, x0, y0 + side});
    }


    @Test
    void anRtStructureSetWrittenFromLabelsReadsBackToThem(@TempDir Path dir) throws Exception {
        Phantom ph = phantom();
        Path rt = dir.resolve("rtstruct.dcm");
        RtStructWriter.write(ph.ct(), LabelContours.of(ph.labels()), ALGO, rt);
        assertTrue(RtStructReader.isRtStruct(rt));
        RtStructReader.Rasterized r = RtStructReader.read(rt, ph.ct(), null);
        assertEquals(List.of(), r.warnings());
        assertEquals(ph.labels().classes().stream().map(SegmentClass::name).toList(),
                r.labels().classes().stream().map(SegmentClass::name).toList());
        // outlines traced along pixel edges enclose exactly the pixels whose centres they hold;
        // the liver's holes (its tumours) are contours of their own, read by the even-odd rule
        assertArrayEquals(ph.labels().labels(), r.labels().labels());
        SegmentClass tumour = r.labels().classes().stream().filter(c -> c.name().equals("liver tumour")).findFirst().orElseThrow();
        assertEquals(SegmentClass.MORPHOLOGICALLY_ABNORMAL, tumour.category(), "written as GTV, read as a lesion");
    }

    @Test
    void classNamesPickAndOrderTheRoisAndNameTheMissing(@TempDir Path dir) throws Exception {
        Phantom ph = phantom();
        Path rt = dir.resolve("rt.dcm");
        RtStructWriter.write(ph.ct(), LabelContours.of(ph.labels()), ALGO, rt);
        RtStructReader.Rasterized r = RtStructReader.read(rt, ph.ct(), List.of("Spleen", "LIVER_tumour", "pancreas"));
        assertEquals(List.of("Spleen", "LIVER_tumour", "pancreas"),
                r.labels().classes().stream().map(SegmentClass::name).toList());
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).startsWith("no ROI named 'pancreas'"), r.warnings().get(0));
        int spleen = ph.labels().classes().stream().filter(c -> c.name().equals("spleen")).findFirst().orElseThrow().label();
        assertEquals(ph.labels().histogram()[spleen], r.labels().histogram()[1]);
        assertEquals(0, r.labels().histogram()[3]);
        assertTrue(r.labels().histogram()[2] > 0);
        // an institution's own names: ROI=CLASS names the class as the model does
        RtStructReader.Rasterized renamed = RtStructReader.read(rt, ph.ct(), List.of("SPLEEN = Milz"));
        assertEquals(List.of("Milz"), renamed.labels().classes().stream().map(SegmentClass::name).toList());
        assertEquals(ph.labels().histogram()[spleen], renamed.labels().histogram()[1]);
        for (String bad : List.of("=Milz", "spleen=", " = ")) {
            assertThrows(IllegalArgumentException.class, () -> RtStructReader.checkClassNames(List.of(bad)), bad);
        }
    }

    @Test
    void holesNestingAndOverlapFollowThePlanningSystemsRules(@TempDir Path dir) throws Exception {
        Phantom ph = phantom();
        // a 20-pixel square with a 6-pixel hole in one ROI; a second ROI overlapping its corner
        List<StructureContours> rois = List.of(
                new StructureContours(cls(1, "ring"), List.of(square(2, 10, 10, 20), square(2, 17, 17, 6))),
                new StructureContours(cls(2, "patch"), List.of(square(2, 25, 25, 10))));
        Path rt = dir.resolve("rt.dcm");
        RtStructWriter.write(ph.ct(), rois, ALGO, rt);
        LabelVolume l = RtStructReader.read(rt, ph.ct(), null).labels();
        // the patch (100 pixels) is smaller than the ring (400 - 36), so it is painted over it
        assertEquals(100, l.histogram()[2]);
        assertEquals(400 - 36 - 25, l.histogram()[1]);
        int nx = l.geometry().nx(), plane = nx * l.geometry().ny();
        assertEquals(0, l.labels()[2 * plane + 20 * nx + 20], "inside the hole");
        assertEquals(1, l.labels()[2 * plane + 10 * nx + 10], "the first pixel inside the outer square");
        assertEquals(0, l.labels()[3 * plane + 10 * nx + 10], "only on its own slice");
    }

    @Test
    void aCircleCoversItsArea(@TempDir Path dir) throws Exception {
        Phantom ph = phantom();
        int n = 72;
        double r = 12.3, cx = 40, cy = 50;
        double[] xy = new double[2 * n];
        for (int i = 0; i < n; i++) {
            xy[2 * i] = cx + r * Math.cos(2 * Math.PI * i / n);
            xy[2 * i + 1] = cy + r * Math.sin(2 * Math.PI * i / n);
        }
        Path rt = dir.resolve("rt.dcm");
        RtStructWriter.write(ph.ct(), List.of(new StructureContours(cls(1, "disc"), List.of(new PlanarContour(1, xy)))),
                ALGO, rt);
        long pixels = RtStructReader.read(rt, ph.ct(), null).labels().histogram()[1];
        double polygon = 0.5 * n * r * r * Math.sin(2 * Math.PI / n);
        assertEquals(polygon, pixels, 2 * Math.PI * r * 0.25, "within a quarter pixel along the outline");
    }

    @Test
    void contoursOffTheSeriesAndAnotherFrameOfReferenceAreReported(@TempDir Path dir) throws Exception {
        Phantom ph = phantom();
        Volume ct = ph.ct();
        Path rt = dir.resolve("rt.dcm");
        RtStructWriter.write(ct, List.of(new StructureContours(cls(1, "box"), List.of(square(1, 5, 5, 4),
                square(5, 5, 5, 4)))), ALGO, rt);
        // the same series without its last slice: the contour on it lies off the grid
        Geometry g = ct.geometry();
        Geometry shorter = new Geometry(new int[] {g.nx(), g.ny(), 5}, g.spacing(), g.origin(), g.direction());
        Volume five = new Volume(java.util.Arrays.copyOf(ct.data(), g.nx() * g.ny() * 5), shorter, ct.identity(),
                ct.slices().subList(0, 5), ct.window(), List.of());
        RtStructReader.Rasterized r = RtStructReader.read(rt, five, null);
        assertEquals(List.of("1 contour(s) of ROI 'box' lie outside the series or across its slices: left out"), r.warnings());
        assertEquals(16, r.labels().histogram()[1]);
        SeriesIdentity i = ct.identity();
        SeriesIdentity other = new SeriesIdentity(i.patientId(), i.patientName(), i.patientBirthDate(), i.patientSex(),
                i.studyInstanceUid(), i.studyId(), i.studyDate(), i.studyTime(), i.studyDescription(), i.accessionNumber(),
                i.seriesInstanceUid(), i.seriesNumber(), i.seriesDescription(), "1.2.3.4.5", i.modality(), i.manufacturer());
        Volume elsewhere = new Volume(ct.data(), g, other, ct.slices(), ct.window(), List.of());
        IOException e = assertThrows(IOException.class, () -> RtStructReader.read(rt, elsewhere, null));
        assertTrue(e.getMessage().contains("not the series' 1.2.3.4.5"), e.getMessage());
    }

    @Test
    void aTruncatedStructureSetIsRefusedNeverReadAsEmptyRois(@TempDir Path dir) throws Exception {
        Phantom ph = phantom();
        Path rt = dir.resolve("rt.dcm");
        RtStructWriter.write(ph.ct(), LabelContours.of(ph.labels()), ALGO, rt);
        byte[] whole = java.nio.file.Files.readAllBytes(rt);
        for (double cut : new double[] {0.1, 0.3, 0.5, 0.7, 0.9, 0.98}) {
            Path part = dir.resolve("cut" + cut + ".dcm");
            java.nio.file.Files.write(part, java.util.Arrays.copyOf(whole, (int) (whole.length * cut)));
            try {
                LabelVolume l = RtStructReader.read(part, ph.ct(), null).labels();
                assertArrayEquals(ph.labels().labels(), l.labels(), "read at " + cut + ": then it must be whole");
            } catch (IOException refused) {
                assertTrue(refused.getMessage().startsWith(part + ": "), refused.getMessage());
            }
        }
    }

    @Test
    void pydicomsStructureSetIsReadAsDcmtkDumpsIt() throws Exception {
        // implicit VR little endian, three ROIs; DCMTK's dcmdump lists 5 Contour Data elements
        Path rt = SharedData.path("dicom-real").resolve("pydicom/rtstruct.dcm");
        assertTrue(RtStructReader.isRtStruct(rt));
        RtStructReader.StructureSet s = RtStructReader.load(rt);
        assertEquals("1.2.826.0.1.3680043.8.498.2010020400001.2", s.frameOfReferenceUid());
        assertEquals(3, s.rois().size());
        assertEquals(List.of("patient", "Isocenter 1", "Isocenter 2"), s.names());
        RtStructReader.Roi body = s.rois().get(0);
        assertEquals("EXTERNAL", body.interpretedType());
        assertEquals(List.of(15, 18, 18), body.contours().stream().map(c -> c.length).toList(), "5, 6 and 6 points");
        assertEquals(List.of(0, 1, 1), s.rois().stream().map(RtStructReader.Roi::notClosed).toList(), "isocentres are POINTs");
        assertFalse(RtStructReader.isRtStruct(SharedData.path("dicom-real").resolve("dcmqi/liver.dcm")));
        Path text = SharedData.path("dicom-real").resolve("SOURCES.md"), nrrd = SharedData.path("dicom-real/dcmqi/liver_seg.nrrd");
        for (Path other : List.of(text, nrrd)) { // not handed to PixelMed at all
            assertFalse(RtStructReader.isRtStruct(other));
            assertEquals(null, LabelObjects.describe(other));
            assertEquals(null, LabelObjects.referencedSeries(other));
        }
        // on a series of its frame of reference, the isocentres (points only) are no classes
        Phantom ph = phantom();
        SeriesIdentity i = ph.ct().identity();
        SeriesIdentity same = new SeriesIdentity(i.patientId(), i.patientName(), i.patientBirthDate(), i.patientSex(),
                i.studyInstanceUid(), i.studyId(), i.studyDate(), i.studyTime(), i.studyDescription(), i.accessionNumber(),
                i.seriesInstanceUid(), i.seriesNumber(), i.seriesDescription(), s.frameOfReferenceUid(), i.modality(),
                i.manufacturer());
        Volume v = new Volume(ph.ct().data(), ph.ct().geometry(), same, ph.ct().slices(), ph.ct().window(), List.of());
        RtStructReader.Rasterized r = RtStructReader.read(rt, v, null);
        assertEquals(List.of("patient"), r.labels().classes().stream().map(SegmentClass::name).toList());
        assertEquals(List.of("ROI 'Isocenter 1' holds only points or open lines: left out",
                "ROI 'Isocenter 2' holds only points or open lines: left out"), r.warnings().subList(0, 2));
    }

    /** A ball of radius 15 mm centred at (32, 30, 40) mm, drawn at each voxel centre of {@code g}. */
    private static LabelVolume ball(Geometry g) {
        return TestShapes.ball(g, new double[] {32, 30, 40}, 15, List.of(cls(1, "ball")));
    }

    private static Volume blank(Geometry g, SeriesIdentity id) {
        List<SliceSource> slices = new java.util.ArrayList<>();
        for (int z = 0; z < g.nz(); z++) slices.add(new SliceSource(SegWriter.randomUid(), CtSeriesWriter.CT_IMAGE_STORAGE, "", 1, ""));
        return new Volume(new float[(int) g.voxelCount()], g, id, slices, null, List.of());
    }

    private static double dice(LabelVolume a, LabelVolume b) {
        long both = 0, na = 0, nb = 0;
        for (int i = 0; i < a.labels().length; i++) {
            boolean x = a.labels()[i] != 0, y = b.labels()[i] != 0;
            if (x) na++;
            if (y) nb++;
            if (x && y) both++;
        }
        return 2.0 * both / (na + nb);
    }

    /**
     * A ball contoured on planes of one spacing, read onto series of another in the same Frame of
     * Reference (measured before the planes were interpolated: Dice 0.903, 0.503, 0.536; now 1.000,
     * 0.984, 0.979): 1 mm contours onto 5 mm slices take each slice's own plane, not five planes
     * filled by the even-odd rule; 3 mm contours onto 1 mm slices fill the slices between; 2 mm
     * contours onto 5 mm slices offset by 1 mm are interpolated where no plane lies on a slice.
     */
    @Test
    void contoursOnOtherPlanesAreInterpolatedOntoTheSlices(@TempDir Path dir) throws Exception {
        SeriesIdentity id = phantom().ct().identity();
        double[][] cases = {{1, 5, 0, 0.99}, {3, 1, 0, 0.97}, {2, 5, 1, 0.96}};
        for (double[] c : cases) {
            Geometry contoured = new Geometry(new int[] {64, 64, (int) (80 / c[0])}, new double[] {1, 1, c[0]},
                    new double[] {0, 0, 0}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
            Geometry series = new Geometry(new int[] {64, 64, (int) (80 / c[1])}, new double[] {1, 1, c[1]},
                    new double[] {0, 0, c[2]}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
            Path rt = dir.resolve("rt" + c[0] + ".dcm");
            RtStructWriter.write(blank(contoured, id), org.atrous.roi.LabelContours.of(ball(contoured)), ALGO, rt);
            RtStructReader.Rasterized r = RtStructReader.read(rt, blank(series, id), null);
            double d = dice(r.labels(), ball(series));
            assertTrue(d > c[3], java.util.Arrays.toString(c) + ": Dice " + d + " " + r.warnings());
            assertEquals(c[0] < c[1] && c[2] == 0, r.warnings().isEmpty(), "interpolation is reported: " + r.warnings());
        }
    }
}
