package org.atrous.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.atrous.dicom.CtSeriesWriter;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.NiftiWriter;
import org.atrous.dicom.SegReader;
import org.atrous.dicom.SeriesReader;
import org.atrous.dicom.Volume;
import org.atrous.phantom.AbdomenPhantom;
import org.atrous.phantom.Phantom;
import org.atrous.phantom.PhantomOptions;
import org.atrous.pipeline.OutputKind;
import org.atrous.pipeline.TrainingSets;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vertical slice from the command line: train a (tiny) model, segment a DICOM series, evaluate. */
class TrainSegmentEvaluateTest {

    @Test
    void trainThenSegmentThenEvaluate(@TempDir Path dir) throws Exception {
        Path zoo = dir.resolve("zoo");
        int train = AtrousCli.commandLine().execute("train", "--phantoms", "2", "--val-phantoms", "1",
                "--phantom-size", "128", "--phantom-slices", "6", "--id", "tiny", "--out", zoo.toString(),
                "--windows", "40:400", "--spacing", "3", "--epochs", "1", "--iters", "2", "--batch", "2",
                "--patch", "32", "--width", "0.25");
        assertEquals(0, train);
        Path card = zoo.resolve("tiny.json");
        assertTrue(Files.exists(card) && Files.exists(zoo.resolve("tiny.zip")));
        assertTrue(Files.readString(card).contains("\"source\" : \"bin/atrous train --phantoms 2 --val-phantoms 1 "
                + "--phantom-size 128"), "the card holds the command that retrains it");
        assertTrue(Files.readString(card).contains("\"orientation\" : \"LPS\""), "the phantoms' orientation is on the card");
        assertEquals("CT", org.atrous.model.ModelCard.read(card).preprocessing().modality(), "and their modality");
        // 128 pixels of the phantoms' spacing in-plane, 6 slices of 5 mm
        double[] extent = org.atrous.model.ModelCard.read(card).preprocessing().trainingExtentMm();
        org.atrous.dicom.Geometry g = AbdomenPhantom.generate(new PhantomOptions(0, 128, 6, 0, 5, 5, -1, 15, false),
                ProgressListener.NONE).ct().geometry();
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {128 * g.spacing()[0], 128 * g.spacing()[1], 30},
                extent, 0.05, "the training images' extent is on the card");
        assertEquals(10.0, org.atrous.model.ModelCard.read(card).crfParams().boxMarginMm(),
                "the CRF refines the organs' box only, as ct-abdomen's does");

        // a stride-2 refinement grown onto it; fine-tuning the grown model again keeps it
        int grow = AtrousCli.commandLine().execute("train", "--phantoms", "2", "--val-phantoms", "1",
                "--phantom-size", "128", "--phantom-slices", "6", "--id", "tiny-refined", "--out", zoo.toString(),
                "--windows", "40:400", "--spacing", "3", "--epochs", "1", "--iters", "1", "--batch", "2",
                "--patch", "32", "--width", "0.25", "--init", card.toString(), "--refine", "4");
        assertEquals(0, grow);
        org.atrous.model.ModelCard grown = org.atrous.model.ModelCard.read(zoo.resolve("tiny-refined.json"));
        assertEquals(4, grown.architecture().refineChannels());
        assertTrue(grown.training().description().contains("stride-2 refinement of 4 channels added"),
                grown.training().description());
        int refused = AtrousCli.commandLine().execute("train", "--phantoms", "2", "--val-phantoms", "1",
                "--phantom-size", "128", "--phantom-slices", "6", "--id", "tiny-x", "--out", zoo.toString(),
                "--windows", "40:400", "--spacing", "3", "--epochs", "1", "--iters", "1", "--batch", "2",
                "--patch", "32", "--width", "0.25", "--init", zoo.resolve("tiny-refined.json").toString(),
                "--refine", "0");
        assertTrue(refused != 0, "a refinement cannot be dropped");
        assertTrue(Files.notExists(zoo.resolve("tiny-x.json")));

        // other classes than the starting model's: a liver-only model from NIfTI cases, its
        // classifier re-mapped (liver carried over), the rest of the network fine-tuned
        Path images = Files.createDirectories(dir.resolve("nifti/images")), labels = Files.createDirectories(dir.resolve("nifti/labels"));
        for (int seed : new int[] {81, 82}) {
            Phantom ph = AbdomenPhantom.generate(new PhantomOptions(seed, 128, 6, 0, 8, 8, 0, 15, false), ProgressListener.NONE);
            byte[] liver = ph.labels().labels().clone();
            for (int i = 0; i < liver.length; i++) liver[i] = (byte) (liver[i] == 1 ? 1 : 0);
            NiftiWriter.writeImage(ph.ct(), images.resolve("case" + seed + ".nii.gz"));
            NiftiWriter.writeLabels(new LabelVolume(liver, ph.ct().geometry(),
                    TrainingSets.classesNamed(java.util.List.of("liver"))), labels.resolve("case" + seed + ".nii.gz"));
        }
        int transfer = AtrousCli.commandLine().execute("train", "--images", images.toString(), "--labels", labels.toString(),
                "--class-names", "liver", "--id", "tiny-liver", "--out", zoo.toString(), "--windows", "40:400",
                "--spacing", "3", "--epochs", "1", "--iters", "1", "--batch", "2", "--patch", "32", "--width", "0.25",
                "--init", card.toString());
        assertEquals(0, transfer);
        org.atrous.model.ModelCard liverOnly = org.atrous.model.ModelCard.read(zoo.resolve("tiny-liver.json"));
        assertEquals(java.util.List.of("liver"), liverOnly.classes().stream().map(k -> k.name()).toList());
        assertEquals(2, liverOnly.architecture().classes());
        assertEquals("CT", liverOnly.preprocessing().modality(), "NIfTI names none: the starting model's");
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {extent[0], extent[1], 48},
                liverOnly.preprocessing().trainingExtentMm(), 0.05,
                "fine-tuned: the larger of the starting model's extent and the cases' (6 slices of 8 mm)");
        assertTrue(liverOnly.training().description().contains("its classifier re-mapped to liver (carried over)"),
                liverOnly.training().description());

        Phantom p = AbdomenPhantom.generate(new PhantomOptions(77, 128, 6, 0, 8, 8, 1, 15, false), ProgressListener.NONE);
        Path ct = dir.resolve("ct");
        CtSeriesWriter.write(p.ct(), ct, "", ProgressListener.NONE);
        Path out = dir.resolve("out");
        int seg = AtrousCli.commandLine().execute("segment", "--model", card.toString(), "--input", ct.toString(),
                "--out", out.toString(), "--crf", "2d");
        assertEquals(0, seg);
        for (OutputKind k : OutputKind.defaults()) assertTrue(Files.exists(out.resolve(k.fileName())), k.fileName());
        assertFalse(Files.exists(out.resolve(OutputKind.PROBABILITY_SEG.fileName())), "asked for only");
        Volume read = new SeriesReader().read(ct, ProgressListener.NONE).volumes().get(0);
        assertEquals(read.data().length, SegReader.read(out.resolve("seg.dcm"), read).labels().length);

        // the bundled model's probabilities as a FRACTIONAL SEG, asked for by name: valid, and a class over half is the
        // label wherever the labels are the network's argmax (no CRF, zoom or component post-processing)
        Path probOut = dir.resolve("prob-out");
        assertEquals(0, AtrousCli.commandLine().execute("segment", "--model", "../model-zoo/ct-abdomen.json", "--input", ct.toString(),
                "--out", probOut.toString(), "--crf", "off", "--region-zoom", "0", "--min-component", "liver tumour=0",
                "--largest-only", "none", "--outputs", "probability-seg,seg"));
        Path probSeg = probOut.resolve(OutputKind.PROBABILITY_SEG.fileName());
        assertEquals(java.util.List.of(), org.atrous.dicom.Dciodvfy.errors(probSeg), org.atrous.dicom.Dciodvfy.report(probSeg));
        assertTrue(org.atrous.dicom.Dciodvfy.deflated(probSeg));
        byte[] atHalf = SegReader.read(probSeg, read).labels(), argmax = SegReader.read(probOut.resolve("seg.dcm"), read).labels();
        long confident = 0;
        for (int i = 0; i < atHalf.length; i++) {
            if (atHalf[i] != 0) {
                confident++;
                assertEquals(argmax[i], atHalf[i], "a class over half is the argmax, voxel " + i);
            }
        }
        assertTrue(confident > 1000, "voxels over half: " + confident);
        assertEquals(2, AtrousCli.commandLine().execute("segment", "--model", card.toString(), "--input", ct.toString(),
                "--out", dir.resolve("bad").toString(), "--outputs", "seg,nonsense"), "an unknown output is a usage error");
        assertEquals(2, AtrousCli.commandLine().execute("segment", "--model", card.toString(), "--input", ct.toString(),
                "--out", dir.resolve("bad").toString(), "--outputs", "probability-seg,probability-seg-uncompressed"),
                "the probability SEG deflated and uncompressed are one file");
        assertEquals(2, AtrousCli.commandLine().execute("segment", "--model", card.toString(), "--input", ct.toString(),
                "--out", dir.resolve("bad").toString(), "--outputs", "sr,stats"), "the SR references the SEG's segments");

        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int eval;
        try {
            eval = AtrousCli.commandLine().execute("evaluate", "--model", card.toString(), "--phantoms", "1",
                    "--phantom-size", "128", "--phantom-slices", "4", "--lesions-csv", dir.resolve("lesions.csv").toString());
        } finally {
            System.setOut(old);
        }
        assertEquals(0, eval);
        String text = buf.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("mean dice liver: "), text);
        assertEquals(7, text.lines().filter(l -> l.startsWith("mean dice ")).count(), text);
        assertEquals(7, text.lines().filter(l -> l.startsWith("global dice ")).count(), text);
        // the lesion table agrees with the summary line: as many reference rows as lesions, as many found
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("lesions liver tumour: detected (\\d+) of (\\d+)").matcher(text);
        assertTrue(m.find(), text);
        List<String[]> lesionRows = Files.readAllLines(dir.resolve("lesions.csv")).stream().skip(1).map(l -> l.split(",")).toList();
        assertTrue(lesionRows.stream().allMatch(f -> f.length == 12 && f[1].equals("liver tumour")));
        assertEquals(Long.parseLong(m.group(2)), lesionRows.stream().filter(f -> f[2].equals("reference")).count());
        assertEquals(Long.parseLong(m.group(1)), lesionRows.stream().filter(f -> f[2].equals("reference") && f[8].equals("true")).count());
        assertTrue(Long.parseLong(m.group(2)) > 0, "the phantom has tumours");
        // the output ends with the mean lines, the ones scripts read
        assertTrue(text.strip().lines().reduce((a, b) -> b).orElseThrow().startsWith("mean dice "), text);
    }
}
