package org.atrous.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.atrous.model.ModelCard;
import org.atrous.pipeline.PipelineOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Per-run overrides of the model card's component post-processing after the CRF. */
public final class ComponentOptions {

    @Option(names = "--min-component", paramLabel = "CLASS=ML",
            description = "after the CRF, remove connected components of CLASS under ML millilitres (repeatable; "
                    + "default: the model card's; 0 keeps all)")
    Map<String, Double> minComponentMl;

    @Option(names = "--largest-only", paramLabel = "CLASS", split = ",",
            description = "after the CRF, keep only the largest connected component of these classes (replaces the "
                    + "model card's list; 'none' for none)")
    List<String> largestOnly;

    @Spec(Spec.Target.MIXEE) CommandSpec command;

    /** {@code options} with the card's settings, those given here replacing them; a bad class or volume is a usage error. */
    PipelineOptions over(PipelineOptions options, ModelCard card) {
        return largest(smallest(options, card), card);
    }

    private PipelineOptions smallest(PipelineOptions options, ModelCard card) {
        if (minComponentMl == null) return options;
        UsageErrors.check(command, "", () -> {
            ModelCard.checkMinComponentMl("--min-component for model " + card.id(), card.classes(), minComponentMl);
            return null;
        });
        Map<String, Double> merged = new HashMap<>(card.minComponentMl() == null ? Map.of() : card.minComponentMl());
        merged.putAll(minComponentMl);
        return options.withMinComponentMl(merged);
    }

    private PipelineOptions largest(PipelineOptions options, ModelCard card) {
        if (largestOnly == null) return options;
        List<String> names = largestOnly.equals(List.of("none")) ? List.of() : largestOnly;
        UsageErrors.check(command, "", () -> {
            ModelCard.checkClassNames("--largest-only for model " + card.id(), card.classes(), names);
            return null;
        });
        return options.withLargestComponentOnly(names);
    }
}
