package org.atrous.model;

import java.util.List;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegmentClass;

/**
 * Averages the probabilities of several segmentations of one volume (the views of a multi-view
 * ensemble), one at a time so that only one member's result is held besides the sum. Sums are
 * kept as 16-bit counts of the members' 1/255 steps: exact, and half the memory of floats.
 */
final class ProbabilitySum {

    private final Geometry grid;
    private final short[][] sum;
    private int members;

    ProbabilitySum(Geometry grid, int classes) {
        this.grid = grid;
        this.sum = new short[classes][(int) grid.voxelCount()];
    }

    void add(Segmentation s) {
        ProbabilityVolume p = s.probabilities();
        if (p.classes() != sum.length || !p.geometry().sameGrid(grid, 1e-3)) {
            throw new IllegalArgumentException("ensemble members must segment the same grid into the same classes");
        }
        if (members == 255) throw new IllegalStateException("at most 255 ensemble members");
        for (int c = 0; c < sum.length; c++) {
            byte[] q = p.quantised(c);
            short[] acc = sum[c];
            for (int i = 0; i < acc.length; i++) acc[i] += (short) (q[i] & 0xff);
        }
        members++;
    }

    /** The mean probabilities and their argmax (ties to the lower label). */
    Segmentation mean(List<SegmentClass> classes) {
        if (members == 0) throw new IllegalStateException("no segmentation added");
        int n = sum[0].length;
        ProbabilityVolume probs = new ProbabilityVolume(grid, sum.length);
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int best = 0, bestSum = -1;
            for (int c = 0; c < sum.length; c++) {
                int s = sum[c][i] & 0xffff;
                probs.bytes(c)[i] = (byte) Math.round(s / (float) members);
                if (s > bestSum) {
                    bestSum = s;
                    best = c;
                }
            }
            labels[i] = (byte) best;
        }
        return new Segmentation(new LabelVolume(labels, grid, classes), probs);
    }
}
