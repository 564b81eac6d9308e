package org.atrous.cli;

import org.atrous.model.Reorientation;
import org.atrous.model.Segmenter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Per-run override of how the model card says a series is read: its orientation and slice spacing. */
public final class ReadingOptions {

    @Option(names = "--orientation", paramLabel = "CODE", description = "turn every series to this orientation "
            + "before the network reads it (e.g. LPS), or none to read series as they come (default: the model card's)")
    String orientation;

    @Option(names = "--slice-spacing", paramLabel = "MM", description = "average thinner series into slabs this "
            + "thick, or 0 to read slices as they come (default: the model card's)")
    Double sliceSpacing;

    @Spec(Spec.Target.MIXEE) CommandSpec command;

    /** Checked before any work: a bad code or spacing is a usage error naming it. */
    void validate() {
        if (orientation != null) code();
        if (sliceSpacing != null) {
            UsageErrors.check(command, "--slice-spacing: ", () -> {
                if (!(sliceSpacing >= 0 && sliceSpacing <= 50)) {
                    throw new IllegalArgumentException("must be 0 to 50 mm, was " + sliceSpacing);
                }
                return sliceSpacing;
            });
        }
    }

    /** {@code segmenter} read as this run asks, where it asks. */
    Segmenter over(Segmenter segmenter) {
        if (orientation != null) segmenter.withOrientation(code());
        if (sliceSpacing != null) segmenter.withSliceSpacing(sliceSpacing);
        return segmenter;
    }

    /**
     * What this run changed in the card's reading, for the SEG's description (", orientation
     * none, slice spacing 0 mm"); empty when it changed nothing, so the card's version says it.
     */
    String note() {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (orientation != null) parts.add("orientation " + (code() == null ? "none" : code()));
        if (sliceSpacing != null) {
            parts.add("slice spacing " + java.math.BigDecimal.valueOf(sliceSpacing).stripTrailingZeros().toPlainString() + " mm");
        }
        return parts.isEmpty() ? "" : ", read with " + String.join(", ", parts);
    }

    private String code() {
        if (orientation.trim().equalsIgnoreCase("none")) return null;
        return UsageErrors.check(command, "--orientation: ", () -> Reorientation.parse(orientation));
    }
}
