package org.atrous.crf;

/** An axis-aligned voxel box inside a W x H x D grid, to crop and paste label-major arrays. */
record Box(int x0, int y0, int z0, int w, int h, int d, int[] full) {

    static Box whole(int[] dims) {
        return new Box(0, 0, 0, dims[0], dims[1], dims[2], dims);
    }

    /** Box around voxels whose most probable label is not 0, grown by margin; null if none. */
    static Box foreground(float[] probs, int labels, int[] dims, int[] margin) {
        int n = dims[0] * dims[1] * dims[2];
        byte[] arg = MeanField.argmax(probs, labels, n);
        int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] hi = {-1, -1, -1};
        for (int i = 0; i < n; i++) {
            if (arg[i] == 0) continue;
            int[] p = {i % dims[0], (i / dims[0]) % dims[1], i / (dims[0] * dims[1])};
            for (int a = 0; a < 3; a++) {
                lo[a] = Math.min(lo[a], p[a]);
                hi[a] = Math.max(hi[a], p[a]);
            }
        }
        if (hi[0] < 0) return null;
        for (int a = 0; a < 3; a++) {
            lo[a] = Math.max(0, lo[a] - margin[a]);
            hi[a] = Math.min(dims[a] - 1, hi[a] + margin[a]);
        }
        return new Box(lo[0], lo[1], lo[2], hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1, dims);
    }

    int[] dims() {
        return new int[] {w, h, d};
    }

    boolean isWhole(int[] dims) {
        return x0 == 0 && y0 == 0 && z0 == 0 && w == dims[0] && h == dims[1] && d == dims[2];
    }

    /** The box's part of {@code channels} planes of the full grid. */
    float[] crop(float[] src, int channels) {
        int fullN = full[0] * full[1] * full[2];
        int boxN = w * h * d;
        float[] out = new float[channels * boxN];
        for (int c = 0; c < channels; c++) {
            for (int z = 0; z < d; z++) {
                for (int y = 0; y < h; y++) {
                    int from = c * fullN + ((z0 + z) * full[1] + y0 + y) * full[0] + x0;
                    System.arraycopy(src, from, out, c * boxN + (z * h + y) * w, w);
                }
            }
        }
        return out;
    }

    /** Writes the labels and marginals of a result computed on this box into {@code target}. */
    void paste(CrfResult boxResult, CrfResult target) {
        int fullN = full[0] * full[1] * full[2];
        int boxN = w * h * d;
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                int to = ((z0 + z) * full[1] + y0 + y) * full[0] + x0;
                int from = (z * h + y) * w;
                System.arraycopy(boxResult.labels(), from, target.labels(), to, w);
                for (int c = 0; c < boxResult.labelCount(); c++) {
                    System.arraycopy(boxResult.marginals(), c * boxN + from, target.marginals(), c * fullN + to, w);
                }
            }
        }
    }
}
