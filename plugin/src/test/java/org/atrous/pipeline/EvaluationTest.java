package org.atrous.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegmentClass;
import org.atrous.phantom.PhantomClasses;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    private static final int N = 16;
    private static final Geometry GRID = Geometry.axial(N, N, N, 1, 1, 1);
    private static final List<SegmentClass> CLASSES = PhantomClasses.ALL;

    /** A cube of the tumour label with corner (at, at, at) and side {@code side}. */
    private static LabelVolume cube(int at, int side) {
        byte[] l = new byte[N * N * N];
        for (int z = at; z < at + side; z++) {
            for (int y = at; y < at + side; y++) {
                for (int x = at; x < at + side; x++) l[(z * N + y) * N + x] = PhantomClasses.TUMOUR;
            }
        }
        return new LabelVolume(l, GRID, CLASSES);
    }

    @Test
    void globalDicePoolsVoxelsWhileTheMeanWeighsEachCaseAlike() {
        List<Evaluation.Row> rows = new ArrayList<>();
        // case a: a 10-voxel-side lesion found exactly; case b: a 2-voxel-side lesion missed
        rows.addAll(Evaluation.score("a", cube(3, 10), cube(3, 10)));
        rows.addAll(Evaluation.score("b", new LabelVolume(new byte[N * N * N], GRID, CLASSES), cube(5, 2)));
        String tumour = "liver tumour";
        assertEquals(0.5, Evaluation.mean(rows, tumour, Evaluation.Row::dice), 1e-12);
        assertEquals(2.0 * 1000 / (1000 + 1000 + 8), Evaluation.globalDice(rows, tumour), 1e-12);
        // a class absent from every mask has no global Dice
        assertEquals(Double.NaN, Evaluation.globalDice(rows, "spleen"));
    }

    @Test
    void rowsKeepTheVoxelCounts() {
        Evaluation.Row r = Evaluation.score("c", cube(4, 3), cube(5, 3)).stream()
                .filter(x -> x.className().equals("liver tumour")).findFirst().orElseThrow();
        assertEquals(8, r.overlapVoxels());
        assertEquals(27, r.predictedVoxels());
        assertEquals(27, r.referenceVoxels());
        assertEquals(2.0 * 8 / 54, r.dice(), 1e-12);
        String csv = Evaluation.csv(List.of(r));
        assertEquals("case,class,dice,hd95_mm,assd_mm,overlap_voxels,predicted_voxels,reference_voxels\n"
                + "c,liver tumour,0.2963," + String.format(java.util.Locale.ROOT, "%.2f,%.2f", r.hd95Mm(), r.assdMm())
                + ",8,27,27\n", csv.replace(System.lineSeparator(), "\n"));
    }
}
