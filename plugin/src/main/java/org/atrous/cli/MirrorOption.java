package org.atrous.cli;

import java.util.List;

import org.atrous.model.Mirroring;
import org.atrous.model.Segmenter;
import picocli.CommandLine.Option;

/** Per-run override of the model card's test-time mirroring. */
public final class MirrorOption {

    @Option(names = "--mirror", split = ",", paramLabel = "AXES",
            description = "test-time mirroring: x, y, x,y or none; each mirror is one more network pass "
                    + "(default: the model card's)")
    List<String> axes;

    /** Checked before any work: a bad axis is an error naming it. */
    void validate() {
        if (axes != null) Mirroring.parse(axes);
    }

    /** {@code segmenter} with this run's mirroring, if one was given. */
    Segmenter over(Segmenter segmenter) {
        return axes == null ? segmenter : segmenter.withMirroring(Mirroring.parse(axes));
    }
}
