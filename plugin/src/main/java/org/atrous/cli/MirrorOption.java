package org.atrous.cli;

import java.util.List;

import org.atrous.model.Mirroring;
import org.atrous.model.Segmenter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Per-run override of the model card's test-time mirroring. */
public final class MirrorOption {

    @Option(names = "--mirror", split = ",", paramLabel = "AXES",
            description = "test-time mirroring: x, y, x,y or none; each mirror is one more network pass "
                    + "(default: the model card's)")
    List<String> axes;

    @Spec(Spec.Target.MIXEE) CommandSpec command;

    /** Checked before any work: a bad axis is a usage error naming it. */
    void validate() {
        if (axes != null) parsed();
    }

    /** {@code segmenter} with this run's mirroring, if one was given. */
    Segmenter over(Segmenter segmenter) {
        return axes == null ? segmenter : segmenter.withMirroring(parsed());
    }

    private Mirroring parsed() {
        return UsageErrors.check(command, "--mirror: ", () -> Mirroring.parse(axes));
    }
}
