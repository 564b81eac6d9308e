package org.atrous.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NrrdReaderTest {

    /** dcmqi made its liver SEG from this NRRD: on the CT's grid the two are the same voxels. */
    @Test
    void dcmqisLiverLabelMapIsItsSegVoxelForVoxel() throws Exception {
        Path dir = SharedData.path("dicom-real/dcmqi");
        Volume ct = new SeriesReader().read(dir.resolve("ct-3slice"), ProgressListener.NONE).parts().get(0).volume();
        LabelVolume seg = SegReader.read(dir.resolve("liver.dcm"), ct);
        List<String> warnings = new ArrayList<>();
        LabelVolume nrrd = LabelMaps.read(dir.resolve("liver_seg.nrrd"), ct.geometry(), List.of("Liver"), warnings::add);
        assertArrayEquals(seg.labels(), nrrd.labels());
        assertEquals(List.of(), warnings);
        assertEquals("Liver", nrrd.classes().get(0).name());
        assertTrue(seg.histogram()[1] > 100_000, "a real liver: " + seg.histogram()[1]);
    }

    /**
     * A Slicer segmentation as Slicer saves overlapping segments: 4-D (a list axis of 2 layers),
     * cropped to the segments' extent, in RAS, gzip; it lands on the grid of the series, the
     * smaller segment winning where layers overlap, named from its header.
     */
    @Test
    void aLayeredCroppedSlicerSegmentationLandsOnTheSeries(@TempDir Path dir) throws Exception {
        Geometry series = Geometry.axial(10, 8, 5, 0.5, 0.5, 2.0);
        // crop: x 2..5, y 3..6, z 1..3 of the series; in RAS the x and y axes point the other way
        int nx = 4, ny = 4, nz = 3;
        int[] samples = new int[2 * nx * ny * nz];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int i = x + nx * (y + ny * z);
                    samples[2 * i] = 1; // layer 0: the "organ" fills the crop
                    samples[2 * i + 1] = (x == 0 && y == 0 && z == 1) ? 3 : 0; // layer 1: a one-voxel "lesion", value 3
                }
            }
        }
        Path f = dir.resolve("Segmentation.seg.nrrd");
        String header = "NRRD0004\n# a comment\ntype: unsigned char\ndimension: 4\nspace: right-anterior-superior\n"
                + "sizes: 2 4 4 3\nspace directions: none (0.5,0,0) (0,0.5,0) (0,0,2)\nkinds: list domain domain domain\n"
                + "encoding: gzip\nspace origin: (-1,-1.5,2)\nSegment0_Name:=Liver\nSegment0_LabelValue:=1\nSegment0_Layer:=0\n"
                + "Segment1_Name:=Tumour\nSegment1_LabelValue:=3\nSegment1_Layer:=1\n\n";
        // RAS origin (-1,-1.5,2) is LPS (1,1.5,2): series voxel (2,3,1). The crop's axes point to the right and
        // anterior, against LPS's: its columns are the series' 2, 1, 0 and -1 (outside), its rows 3, 2, 1, 0.
        write(f, header, bytes(samples, 1), true);
        List<String> warnings = new ArrayList<>();
        List<String> thinner = new ArrayList<>();
        LabelMaps.read(f, Geometry.axial(10, 8, 9, 0.5, 0.5, 1.0), null, thinner::add);
        assertTrue(thinner.stream().anyMatch(w -> w.startsWith("resampled from its own grid")),
                "another slice spacing is no crop of the series: " + thinner);
        LabelVolume lv = LabelMaps.read(f, series, null, warnings::add);
        assertEquals(List.of("Liver", "Tumour"), lv.classes().stream().map(SegmentClass::name).toList());
        assertEquals(2, lv.labels()[2 + 10 * (3 + 8 * 2)], "the lesion voxel (crop 0,0,1) is the smaller segment's");
        assertEquals(1, lv.labels()[0 + 10 * (0 + 8 * 3)], "the organ reaches column 0, row 0 on slice 3");
        assertEquals(0, lv.labels()[3 + 10 * (3 + 8 * 1)], "nothing right of the crop's first column");
        assertEquals(3 * 4 * 3 - 1, lv.histogram()[1]);
        assertEquals(1, lv.histogram()[2]);
        assertEquals(List.of("1 voxels lie in two segments: the smaller segment has them",
                "12 labelled voxels lie outside the series: left out"), warnings);
    }

    @Test
    void asciiAndDetachedHeadersAndWhatIsRefused(@TempDir Path dir) throws Exception {
        Geometry g = Geometry.axial(2, 2, 2, 1, 1, 1);
        Path ascii = dir.resolve("a.nrrd");
        write(ascii, "NRRD0005\ntype: int\ndimension: 3\nspace: LPS\nsizes: 2 2 2\n"
                + "space directions: (1,0,0) (0,1,0) (0,0,1)\nencoding: ascii\nspace origin: (0,0,0)\n\n", 
                "0 1 2 0\n0 0 0 1\n".getBytes(StandardCharsets.US_ASCII), false);
        LabelVolume a = LabelMaps.read(ascii, g, null, w -> { });
        assertArrayEquals(new byte[] {0, 1, 2, 0, 0, 0, 0, 1}, a.labels());
        assertEquals(List.of("label 1", "label 2"), a.classes().stream().map(SegmentClass::name).toList());
        Files.writeString(dir.resolve(LabelMaps.CLASS_TABLE), "label,name\n1,\"right kidney\"\n2,spleen\n");
        assertEquals(List.of("right kidney", "spleen"), LabelMaps.read(ascii, g, null, w -> { }).classes().stream()
                .map(SegmentClass::name).toList(), "named by the classes.csv beside it");

        Path raw = dir.resolve("b.raw"), nhdr = dir.resolve("b.nhdr");
        Files.write(raw, bytes(new int[] {0, 0, 0, 5, 5, 0, 0, 0}, 2));
        Files.writeString(nhdr, "NRRD0004\ntype: short\ndimension: 3\nspace: left-posterior-superior\nsizes: 2 2 2\n"
                + "space directions: (1,0,0) (0,1,0) (0,0,1)\nendian: little\nencoding: raw\ndata file: b.raw\n");
        assertArrayEquals(new byte[] {0, 0, 0, 1, 1, 0, 0, 0}, LabelMaps.read(nhdr, g, List.of("x", "y", "z", "w", "v"),
                w -> { }).labels());

        Path bz = dir.resolve("c.nrrd");
        write(bz, "NRRD0004\ntype: uchar\ndimension: 3\nsizes: 2 2 2\nspace directions: (1,0,0) (0,1,0) (0,0,1)\n"
                + "encoding: bzip2\n\n", new byte[8], false);
        assertTrue(assertThrows(IOException.class, () -> NrrdReader.read(bz)).getMessage().contains("encoding 'bzip2'"));
        Path neg = dir.resolve("d.nrrd");
        write(neg, "NRRD0004\ntype: signed char\ndimension: 3\nsizes: 2 2 2\nspace directions: (1,0,0) (0,1,0) (0,0,1)\n"
                + "encoding: raw\n\n", new byte[] {0, -1, 0, 0, 0, 0, 0, 0}, false);
        assertTrue(assertThrows(IOException.class, () -> NrrdReader.readLabels(neg, w -> { })).getMessage().contains("negative"));
        Path shortData = dir.resolve("e.nrrd");
        write(shortData, "NRRD0004\ntype: uchar\ndimension: 3\nsizes: 2 2 2\nspace directions: (1,0,0) (0,1,0) (0,0,1)\n"
                + "encoding: raw\n\n", new byte[5], false);
        assertTrue(assertThrows(IOException.class, () -> NrrdReader.read(shortData)).getMessage().contains("5 bytes"));
    }

    private static byte[] bytes(int[] samples, int width) {
        ByteBuffer b = ByteBuffer.allocate(samples.length * width).order(ByteOrder.LITTLE_ENDIAN);
        for (int s : samples) {
            if (width == 1) b.put((byte) s);
            else b.putShort((short) s);
        }
        return b.array();
    }

    private static void write(Path f, String header, byte[] data, boolean gzip) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        if (gzip) {
            try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                z.write(data);
            }
        } else {
            out.write(data);
        }
        Files.write(f, out.toByteArray());
    }
}
