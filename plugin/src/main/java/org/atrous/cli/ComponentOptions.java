package org.atrous.cli;

import java.util.HashMap;
import java.util.Map;

import org.atrous.model.ModelCard;
import org.atrous.pipeline.PipelineOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Per-run overrides of the model card's small-component removal (post-processing after the CRF). */
public final class ComponentOptions {

    @Option(names = "--min-component", paramLabel = "CLASS=ML",
            description = "after the CRF, remove connected components of CLASS under ML millilitres (repeatable; "
                    + "default: the model card's; 0 keeps all)")
    Map<String, Double> minComponentMl;

    @Spec(Spec.Target.MIXEE) CommandSpec command;

    /** {@code options} with the card's volumes, each class given here replaced; a bad class or volume is a usage error. */
    PipelineOptions over(PipelineOptions options, ModelCard card) {
        if (minComponentMl == null) return options;
        UsageErrors.check(command, "", () -> {
            ModelCard.checkMinComponentMl("--min-component for model " + card.id(), card.classes(), minComponentMl);
            return null;
        });
        Map<String, Double> merged = new HashMap<>(card.minComponentMl() == null ? Map.of() : card.minComponentMl());
        merged.putAll(minComponentMl);
        return options.withMinComponentMl(merged);
    }
}
