package org.atrous.cli;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.atrous.crf.CrfParams;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegReader;
import org.atrous.dicom.SeriesReadResult;
import org.atrous.dicom.SeriesReader;
import org.atrous.dicom.Volume;
import org.atrous.model.ModelStore;
import org.atrous.crf.CrfMode;
import org.atrous.pipeline.Evaluation;
import org.atrous.pipeline.Models;
import org.atrous.pipeline.OutputKind;
import org.atrous.pipeline.Pipeline;
import org.atrous.pipeline.PipelineOptions;
import org.atrous.pipeline.PipelineResult;
import org.atrous.pipeline.SeriesOutputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code atrous demo}: the README's main job. Segments the bundled sample series with the
 * bundled CT model and the 3D CRF, writes every output, and scores the result against the
 * sample's ground-truth SEG.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Segments the bundled sample CT (dicom-samples/phantom) with the bundled model",
                "and the 3D CRF, writes seg.dcm, rtstruct.dcm, rois.zip, labels.nii.gz, stats.csv,",
                "preview.png and image.tif (stack with ROI overlay) to OUT, and prints Dice per class",
                "against the sample's ground-truth SEG."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "out/demo", description = "output folder (default ${DEFAULT-VALUE})") Path out;
    @Option(names = "--model", defaultValue = "ct-abdomen", description = "model id or card (default ${DEFAULT-VALUE})") String model;
    @Option(names = "--crf", description = "off, 2d, 3d or model (default: the model card's mode, else 3d)") String crf;

    @Override
    public Integer call() throws Exception {
        Path sample = Path.of(System.getProperty("atrous.home", ".")).resolve("dicom-samples/phantom");
        CliProgress progress = new CliProgress("demo");
        SeriesReadResult read = new SeriesReader().read(sample.resolve("ct"), progress);
        if (read.volumes().size() != 1) {
            System.err.println("expected one series in " + sample.resolve("ct") + ", found " + read.volumes().size());
            return 1;
        }
        Volume ct = read.volumes().get(0);
        ModelStore.LoadedModel m = Models.load(model);
        CrfMode mode = Models.crfMode(crf, m.card());
        // the model card's CRF settings, as `segment` and `batch` use
        CrfParams crfParams = m.card().crfParams();
        Pipeline p = new Pipeline(Models.segmenter(m, 8), new PipelineOptions(mode, crfParams, 8));
        PipelineResult r = p.run(ct, progress);
        SeriesOutputs.write(r, Models.algorithm(m, mode, crfParams.iterations()), EnumSet.complementOf(EnumSet.of(OutputKind.PROBABILITY_SEG_UNCOMPRESSED)), out);
        LabelVolume truth = SegReader.read(sample.resolve("seg.dcm"), ct);
        System.out.printf(Locale.ROOT, "sample %s segmented with %s %s, CRF %s: inference %.1f s, CRF %.1f s%n",
                sample, m.card().id(), m.card().version(), mode.label(), r.inferenceSeconds(), r.crfSeconds());
        System.out.println("outputs in " + out.toAbsolutePath());
        for (Evaluation.Row row : Evaluation.score("sample", r.labels(), truth)) {
            System.out.printf(Locale.ROOT, "dice %-14s %.4f  hd95 %6.1f mm%n", row.className(), row.dice(), row.hd95Mm());
        }
        return 0;
    }
}
