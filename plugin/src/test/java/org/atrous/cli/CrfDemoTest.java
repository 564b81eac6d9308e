package org.atrous.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.atrous.crf.CrfParams;
import org.atrous.phantom.AbdomenPhantom;
import org.atrous.phantom.Phantom;
import org.atrous.phantom.PhantomOptions;
import org.atrous.crf.CrfMode;
import org.atrous.pipeline.Evaluation;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;

/** The CRF with its CT defaults sharpens a coarse prediction of solid organs on a phantom it was not tuned on. */
class CrfDemoTest {

    @Test
    void crfImprovesSolidOrganBoundariesOfACoarsePrediction() {
        Phantom p = AbdomenPhantom.generate(new PhantomOptions(5003, 256, 16, 0, 5, 5, 2, 15, false), ProgressListener.NONE);
        List<Evaluation.Row[]> rows = CrfDemoCommand.compare(p, 8, 2, CrfMode.VOLUME_3D, CrfParams.defaults());
        double before = 0, after = 0;
        int n = 0;
        for (Evaluation.Row[] r : rows) {
            String c = r[0].className();
            if (c.equals("liver") || c.equals("spleen") || c.endsWith("kidney") || c.equals("aorta")) {
                if (Double.isNaN(r[0].dice())) continue;
                before += r[0].dice();
                after += r[1].dice();
                n++;
                assertTrue(r[1].dice() > r[0].dice() - 0.01, c + ": " + r[0].dice() + " -> " + r[1].dice());
            }
        }
        assertTrue(n >= 4, "organs present: " + n);
        assertTrue(after / n > before / n + 0.01, "mean organ Dice " + before / n + " -> " + after / n);
    }
}
