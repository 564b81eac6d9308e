package org.atrous.dicom;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import org.atrous.cli.AtrousCli;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real MSD hippocampus case through `convert nifti`, read back with the series reader and SegReader. */
class HippocampusConversionTest {
    @TempDir Path dir;

    @Test
    void convertedCaseReadsBackWithItsGeometryValuesAndLabels() throws Exception {
        Path msd = SegReaderTest.shared().resolve("msd-hippocampus");
        Path image = msd.resolve("imagesTr/hippocampus_001.nii.gz"), labels = msd.resolve("labelsTr/hippocampus_001.nii.gz");
        Path out = dir.resolve("h001");
        assertEquals(0, AtrousCli.commandLine().execute("convert", "nifti", "--image", image.toString(),
                "--labels", labels.toString(), "--out", out.toString()));

        Volume nifti = NiftiReader.read(image);
        LabelVolume truth = NiftiReader.readLabels(labels, NiftiToDicom.HIPPOCAMPUS_CLASSES);
        List<Volume> read = new SeriesReader().read(out.resolve("image"), ProgressListener.NONE).volumes();
        assertEquals(1, read.size());
        Volume dicom = read.get(0);
        assertTrue(dicom.geometry().sameGrid(nifti.geometry(), 1e-3), dicom.geometry() + " vs " + nifti.geometry());
        double max = nifti.stats()[1], min = nifti.stats()[0];
        double step = Math.max(1, (max - min) / 65534);
        for (int i = 0; i < nifti.data().length; i++) assertEquals(nifti.data()[i], dicom.data()[i], step, "voxel " + i);
        assertArrayEquals(truth.labels(), SegReader.read(out.resolve("seg.dcm"), dicom).labels());

        Path first;
        try (var files = Files.list(out.resolve("image"))) {
            first = files.sorted().findFirst().orElseThrow();
        }
        assertEquals(List.of(), Dciodvfy.errors(first), Dciodvfy.report(first));
        assertEquals(List.of(), Dciodvfy.errors(out.resolve("seg.dcm")), Dciodvfy.report(out.resolve("seg.dcm")));
        AttributeList l = new AttributeList();
        l.read(first.toFile());
        assertTrue(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.ImageComments).contains("Antonelli"));
        assertTrue(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SeriesDescription).contains("CC BY-SA 4.0"));
    }

    @Test
    void phantomLabelsSurviveNiftiWriteAndRead() throws Exception {
        var p = org.atrous.phantom.AbdomenPhantom.generate(
                new org.atrous.phantom.PhantomOptions(2, 128, 5, 0, 10, 10, 1, 10, false), ProgressListener.NONE);
        Path f = dir.resolve("labels.nii.gz");
        NiftiWriter.writeLabels(p.labels(), f);
        LabelVolume back = NiftiReader.readLabels(f, p.labels().classes());
        assertArrayEquals(p.labels().labels(), back.labels());
        assertTrue(back.geometry().sameGrid(p.labels().geometry(), 1e-3), back.geometry().toString());
        Path img = dir.resolve("image.nii.gz");
        NiftiWriter.writeImage(p.ct(), img);
        assertArrayEquals(p.ct().data(), NiftiReader.read(img).data());
    }

    @Test
    void missingInputFailsWithoutOutput() {
        Path out = dir.resolve("none");
        assertEquals(2, AtrousCli.commandLine().execute("convert", "nifti", "--image", dir.resolve("x.nii.gz").toString(),
                "--labels", dir.resolve("y.nii.gz").toString(), "--out", out.toString()));
        assertFalse(Files.exists(out));
    }
}
