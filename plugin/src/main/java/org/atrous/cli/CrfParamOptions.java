package org.atrous.cli;

import org.atrous.crf.CrfOverrides;
import org.atrous.crf.CrfParams;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Per-run overrides of the dense-CRF parameters in physical units, over the model card's (or
 * the defaults): a picocli mixin for the commands that run the pipeline.
 */
public final class CrfParamOptions {

    @Option(names = "--crf-gaussian-sd", paramLabel = "MM", description = "CRF smoothness kernel sd in mm (default: model card's, else 1)")
    Double gaussianSdMm;

    @Option(names = "--crf-gaussian-weight", paramLabel = "W", description = "CRF smoothness kernel weight (default: model card's, else 0.5)")
    Double gaussianWeight;

    @Option(names = "--crf-bilateral-sd", paramLabel = "MM", description = "CRF appearance kernel spatial sd in mm (default: model card's, else 3)")
    Double bilateralSdMm;

    @Option(names = "--crf-bilateral-hu", paramLabel = "HU", description = "CRF appearance kernel intensity sd in HU, image units for MR (default: model card's, else 15)")
    Double bilateralSdIntensity;

    @Option(names = "--crf-bilateral-weight", paramLabel = "W", description = "CRF appearance kernel weight (default: model card's, else 1.5)")
    Double bilateralWeight;

    @Option(names = "--crf-iterations", paramLabel = "N", description = "CRF mean-field iterations (default: model card's, else 5)")
    Integer iterations;

    @Option(names = "--crf-box-margin", paramLabel = "MM", description = "refine only the foreground's bounding box grown by this margin in mm; negative: whole volume (default: model card's, else whole)")
    Double boxMarginMm;

    @Spec(Spec.Target.MIXEE) CommandSpec command;

    /** Checks the options given, before any work (every CRF parameter is checked on its own). */
    public void validate() {
        over(CrfParams.defaults());
    }

    /**
     * {@code base} (e.g. the model card's parameters) with the options given replaced. A bad
     * value (sd <= 0, negative iterations, ...) is a usage error naming it, before any work.
     */
    public CrfParams over(CrfParams base) {
        return UsageErrors.check(command, "CRF parameters: ", () -> new CrfOverrides(gaussianSdMm, gaussianWeight,
                bilateralSdMm, bilateralSdIntensity, bilateralWeight, iterations, boxMarginMm).applyTo(base));
    }
}
