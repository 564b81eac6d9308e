package org.atrous.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.atrous.crf.CrfParams;
import org.atrous.dicom.LabelVolume;
import org.atrous.model.ProbabilityVolume;
import org.atrous.phantom.AbdomenPhantom;
import org.atrous.phantom.Phantom;
import org.atrous.phantom.PhantomOptions;
import org.atrous.pipeline.CoarsePrediction;
import org.atrous.crf.CrfMode;
import org.atrous.pipeline.Evaluation;
import org.atrous.pipeline.Pipeline;
import org.atrous.progress.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code atrous crf-demo}: what the dense CRF recovers from a coarse prediction on a phantom
 * CT, in Dice and HD95 per class, before and after.
 */
@Command(name = "crf-demo", mixinStandardHelpOptions = true,
        description = {"Makes a coarse prediction from a phantom's exact labels (averaged down by --factor,",
                "back up bilinearly, blurred), refines it with the dense CRF, and prints Dice and HD95",
                "per class before and after."})
public final class CrfDemoCommand implements Callable<Integer> {

    @Option(names = "--seed", defaultValue = "5001") long seed;
    @Option(names = "--size", defaultValue = "256") int size;
    @Option(names = "--slices", defaultValue = "48") int slices;
    @Option(names = "--factor", defaultValue = "8") int factor;
    @Option(names = "--blur", defaultValue = "2", description = "blur sd in pixels after upsampling") double blur;
    @Option(names = "--crf", defaultValue = "3d", description = "2d or 3d") String crf;
    @Option(names = "--gaussian-sd", description = "smoothness kernel sd in mm") Double gaussianSd;
    @Option(names = "--gaussian-weight") Double gaussianWeight;
    @Option(names = "--bilateral-sd", description = "appearance kernel spatial sd in mm") Double bilateralSd;
    @Option(names = "--bilateral-hu", description = "appearance kernel intensity sd in HU") Double bilateralHu;
    @Option(names = "--bilateral-weight") Double bilateralWeight;
    @Option(names = "--iterations") Integer iterations;

    @Override
    public Integer call() {
        Phantom p = AbdomenPhantom.generate(new PhantomOptions(seed, size, slices, 0, 5, 5, -1, 15, false),
                ProgressListener.NONE);
        List<Evaluation.Row[]> rows = compare(p, factor, blur, CrfMode.parse(crf), params());
        System.out.printf(Locale.ROOT, "phantom seed %d %dx%dx%d, prediction coarsened by %d and blurred %.1f px, CRF %s%n",
                seed, size, size, slices, factor, blur, crf);
        System.out.printf(Locale.ROOT, "%-14s %12s %12s %14s %14s%n", "class", "dice before", "dice after",
                "hd95 before", "hd95 after");
        for (Evaluation.Row[] r : rows) {
            System.out.printf(Locale.ROOT, "%-14s %12.4f %12.4f %11.1f mm %11.1f mm%n", r[0].className(), r[0].dice(),
                    r[1].dice(), r[0].hd95Mm(), r[1].hd95Mm());
        }
        return 0;
    }

    private CrfParams params() {
        CrfParams d = CrfParams.defaults();
        return new CrfParams(or(gaussianSd, d.gaussianSdMm()), or(gaussianWeight, d.gaussianWeight()),
                or(bilateralSd, d.bilateralSdMm()), or(bilateralHu, d.bilateralSdIntensity()),
                or(bilateralWeight, d.bilateralWeight()), iterations == null ? d.iterations() : iterations,
                false, d.boxMarginMm());
    }

    private static double or(Double v, double d) {
        return v == null ? d : v;
    }

    /** Per class: the coarse prediction's scores and the refined one's. */
    public static List<Evaluation.Row[]> compare(Phantom p, int factor, double blur, CrfMode mode, CrfParams params) {
        LabelVolume truth = p.labels();
        ProbabilityVolume coarse = CoarsePrediction.of(truth, factor, blur);
        LabelVolume before = Pipeline.argmax(coarse, truth.classes());
        LabelVolume after = Pipeline.refine(p.ct(), coarse, truth.classes(), mode, params, ProgressListener.NONE);
        List<Evaluation.Row> b = Evaluation.score("before", before, truth), a = Evaluation.score("after", after, truth);
        return java.util.stream.IntStream.range(0, b.size()).mapToObj(i -> new Evaluation.Row[] {b.get(i), a.get(i)}).toList();
    }
}
