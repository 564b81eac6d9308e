package org.atrous.cli;

import java.util.HashMap;
import java.util.Map;

import org.atrous.model.ModelCard;
import org.atrous.pipeline.PipelineOptions;
import picocli.CommandLine.Option;

/** Per-run overrides of the model card's small-component removal (post-processing after the CRF). */
public final class ComponentOptions {

    @Option(names = "--min-component", paramLabel = "CLASS=ML",
            description = "after the CRF, remove connected components of CLASS under ML millilitres (repeatable; "
                    + "default: the model card's; 0 keeps all)")
    Map<String, Double> minComponentMl;

    /** {@code options} with the card's volumes, each class given here replaced; a bad class or volume is a usage error. */
    PipelineOptions over(PipelineOptions options, ModelCard card) {
        if (minComponentMl == null) return options;
        Map<String, Double> merged = new HashMap<>(card.minComponentMl() == null ? Map.of() : card.minComponentMl());
        for (Map.Entry<String, Double> e : minComponentMl.entrySet()) {
            if (card.classes().stream().noneMatch(c -> c.name().equals(e.getKey()))) {
                throw new IllegalArgumentException("--min-component: model " + card.id() + " has no class '" + e.getKey() + "'");
            }
            if (!(e.getValue() >= 0) || e.getValue().isInfinite()) {
                throw new IllegalArgumentException("--min-component: " + e.getKey() + " needs a volume >= 0 mL, got " + e.getValue());
            }
            merged.put(e.getKey(), e.getValue());
        }
        return options.withMinComponentMl(merged);
    }
}
