package org.atrous.crf;

import java.util.Arrays;
import org.atrous.progress.ProgressListener;

/**
 * Gaussian filtering of values living on N points with d-dimensional features, in O(N d^2),
 * on the permutohedral lattice of Adams, Baek and Davis (2010) as in Krähenbühl and Koltun's
 * DenseCRF: splat each point's values onto the d+1 vertices of its enclosing simplex, blur
 * along the d+1 lattice directions, slice back with the same barycentric weights.
 *
 * <p>Built once per kernel; {@link #filter} then runs every mean-field iteration without
 * allocation or hashing: each point keeps its d+1 vertex indices (int) and weights (16-bit
 * fixed point, to halve memory on large volumes), each vertex its 2(d+1) blur neighbours. Values
 * are stored vertex by vertex with all channels contiguous. Splat, blur and slice run on all
 * cores; splatting gives each thread its own vertex buffer so that no write is shared.
 * {@code filter} reuses internal buffers: one lattice must not filter from two threads at once.
 */
public final class PermutohedralLattice {

    private static final float WEIGHT_ONE = 65535f;
    /** Channels splatted and sliced per pass: each held in a local variable. */
    private static final int BLOCK = 6;
    private final int d;
    private final int n;
    private final int m;
    private final int[] offsets;
    private final char[] weights;
    private final int[] neighbours;
    private final int threads = Parallel.threads();
    private LatticeWorkspace workspace;

    private PermutohedralLattice(int d, int n, int m, int[] offsets, char[] weights, int[] neighbours) {
        this.d = d;
        this.n = n;
        this.m = m;
        this.offsets = offsets;
        this.weights = weights;
        this.neighbours = neighbours;
    }

    /** Builds the lattice of the points of {@code source} (their features already scaled). */
    public static PermutohedralLattice build(FeatureSource source, ProgressListener listener) {
        return new LatticeBuilder(source, listener).build();
    }

    static PermutohedralLattice of(int d, int n, int m, int[] offsets, char[] weights, int[] neighbours) {
        return new PermutohedralLattice(d, n, m, offsets, weights, neighbours);
    }

    static char quantize(float weight) {
        // floor(x + 0.5) as Math.round, exact in double, without Math.round's special cases
        return (char) (int) (Math.min(1f, Math.max(0f, weight)) * WEIGHT_ONE + 0.5d);
    }

    public int dimensions() {
        return d;
    }

    public int points() {
        return n;
    }

    public int vertices() {
        return m;
    }

    /**
     * Filters with the buffers of {@code shared}: lattices filtered one after the other (the
     * kernels of one CRF) then hold one set of vertex buffers, sized for the largest, instead of
     * one each; on a large 3D volume those buffers dominate the heap.
     */
    public PermutohedralLattice useWorkspace(LatticeWorkspace shared) {
        this.workspace = shared;
        return this;
    }

    /**
     * Gaussian-filters {@code channels} planes of N values (label-major: plane c at
     * {@code in[c * N]}). With {@code pointScale} non-null, each point's input and output are
     * multiplied by its scale (the reference's symmetric normalisation); with {@code mix}
     * non-null (channels x channels, row-major; or just the diagonal, {@code channels} long) the
     * filtered channel vector of every vertex is multiplied by it before slicing (a label-compatibility matrix, applied on the few lattice
     * vertices rather than on every point). The result is written to, or with
     * {@code accumulate} added to, {@code out}.
     */
    public void filter(float[] in, int channels, float[] pointScale, float[] mix, float[] out, boolean accumulate) {
        if (in.length != (long) channels * n || out.length != in.length) {
            throw new IllegalArgumentException("filter: expected " + channels + " x " + n + " values");
        }
        ensureBuffers(channels);
        splat(in, channels, pointScale);
        float[] blurred = blur(channels);
        float scale = uniformWeight(mix, channels);
        float[] sliced = mix == null || !Float.isNaN(scale) ? blurred : mixChannels(blurred, channels, mix);
        slice(sliced, channels, pointScale, Float.isNaN(scale) ? 1f : scale, out, accumulate);
    }

    /** The weight of a Potts-like mix (one weight on the diagonal): applied while slicing, no mix pass. */
    private static float uniformWeight(float[] mix, int channels) {
        if (mix == null) return 1f;
        if (mix.length != channels) return Float.NaN;
        for (float w : mix) {
            if (w != mix[0]) return Float.NaN;
        }
        return mix[0];
    }

    /** The filter of an all-ones input (each point's total kernel weight), without an N-array of ones. */
    public void filterOnes(float[] out) {
        if (out.length != n) throw new IllegalArgumentException("filterOnes: expected " + n + " values");
        ensureBuffers(1);
        splatOnes();
        slice(blur(1), 1, null, 1f, out, false);
    }

    private void splatOnes() {
        int stride = d + 1;
        int size = (m + 1);
        Parallel.forRanges(n, threads, (t, from, to) -> {
            float[] buf = workspace.splat[t];
            Arrays.fill(buf, 0, size, 0f);
            for (int k = from * stride; k < to * stride; k++) buf[offsets[k]] += weights[k];
        });
        reduceSplatBuffers(1);
    }

    private void ensureBuffers(int channels) {
        if (workspace == null) workspace = new LatticeWorkspace();
        // the last vertex is the missing neighbour: it must read as zero in every buffer the blur
        // reads, including the parts another lattice sharing the workspace has written
        workspace.ensure(threads, (long) (m + 1) * channels);
        Arrays.fill(workspace.blur, m * channels, (m + 1) * channels, 0f);
    }

    private void splat(float[] in, int channels, float[] pointScale) {
        int size = (m + 1) * channels;
        Parallel.forRanges(n, threads, (t, from, to) -> {
            float[] buf = workspace.splat[t];
            Arrays.fill(buf, 0, size, 0f);
            for (int c0 = 0; c0 < channels; c0 += BLOCK) {
                splatBlock(in, channels, c0, Math.min(BLOCK, channels - c0), pointScale, buf, from, to);
            }
        });
        reduceSplatBuffers(channels);
    }

    /** Adds every thread's splat buffer into the first. */
    private void reduceSplatBuffers(int channels) {
        if (threads > 1) {
            int size = m * channels;
            Parallel.forRanges(size, (t, from, to) -> {
                float[] sum = workspace.splat[0];
                for (int k = 1; k < threads; k++) {
                    float[] other = workspace.splat[k];
                    for (int i = from; i < to; i++) sum[i] += other[i];
                }
            });
        }
    }

    /**
     * Splats channels c0..c0+count (count <= 6) of points [from, to): the channel values sit in
     * locals so that the JIT keeps the whole point in registers.
     */
    private void splatBlock(float[] in, int channels, int c0, int count, float[] pointScale, float[] buf,
                            int from, int to) {
        int stride = d + 1;
        int p0 = c0 * n;
        int p1 = count > 1 ? p0 + n : p0;
        int p2 = count > 2 ? p0 + 2 * n : p0;
        int p3 = count > 3 ? p0 + 3 * n : p0;
        int p4 = count > 4 ? p0 + 4 * n : p0;
        int p5 = count > 5 ? p0 + 5 * n : p0;
        for (int i = from; i < to; i++) {
            float s = pointScale == null ? 1f : pointScale[i];
            float v0 = in[p0 + i] * s;
            float v1 = in[p1 + i] * s;
            float v2 = in[p2 + i] * s;
            float v3 = in[p3 + i] * s;
            float v4 = in[p4 + i] * s;
            float v5 = in[p5 + i] * s;
            int base = i * stride;
            for (int r = 0; r < stride; r++) {
                float w = weights[base + r];
                int v = offsets[base + r] * channels + c0;
                buf[v] += w * v0;
                if (count > 1) buf[v + 1] += w * v1;
                if (count > 2) buf[v + 2] += w * v2;
                if (count > 3) buf[v + 3] += w * v3;
                if (count > 4) buf[v + 4] += w * v4;
                if (count > 5) buf[v + 5] += w * v5;
            }
        }
    }

    private float[] blur(int channels) {
        float[] cur = workspace.splat[0];
        float[] next = workspace.blur;
        for (int j = 0; j <= d; j++) {
            final float[] src = cur;
            final float[] dst = next;
            final int dir = j;
            Parallel.forRanges(m, (t, from, to) -> blurRange(src, dst, dir, channels, from, to));
            cur = dst;
            next = src;
        }
        // After an odd number of passes the result sits in the blur buffer: swap roles so the next
        // splat writes into the array that is not the result being sliced.
        if (cur == workspace.blur) {
            workspace.blur = workspace.splat[0];
            workspace.splat[0] = cur;
        }
        return cur;
    }

    private void blurRange(float[] src, float[] dst, int dir, int channels, int from, int to) {
        int n1Base = 2 * dir * m;
        int n2Base = n1Base + m;
        for (int v = from; v < to; v++) {
            int a = v * channels;
            int b = neighbours[n1Base + v] * channels;
            int c = neighbours[n2Base + v] * channels;
            for (int k = 0; k < channels; k++) dst[a + k] = src[a + k] + 0.5f * (src[b + k] + src[c + k]);
        }
    }

    private float[] mixChannels(float[] values, int channels, float[] mix) {
        float[] dst = workspace.mix((long) (m + 1) * channels);
        if (mix.length == channels) {
            Parallel.forRanges(m, (t, from, to) -> {
                for (int v = from; v < to; v++) {
                    for (int c = 0; c < channels; c++) dst[v * channels + c] = mix[c] * values[v * channels + c];
                }
            });
            return dst;
        }
        Parallel.forRanges(m, (t, from, to) -> {
            for (int v = from; v < to; v++) {
                int a = v * channels;
                for (int r = 0; r < channels; r++) {
                    float s = 0;
                    for (int c = 0; c < channels; c++) s += mix[r * channels + c] * values[a + c];
                    dst[a + r] = s;
                }
            }
        });
        return dst;
    }

    private void slice(float[] values, int channels, float[] pointScale, float weight, float[] out,
                       boolean accumulate) {
        // Adams' constant making the lattice blur's total weight match the Gaussian's; the
        // 1/65535 undoes the fixed-point weights of splat and of slice.
        float alpha = (float) (weight / (1.0 + Math.pow(2, -d)) / (WEIGHT_ONE * WEIGHT_ONE));
        Parallel.forRanges(n, (t, from, to) -> {
            for (int c0 = 0; c0 < channels; c0 += BLOCK) {
                sliceBlock(values, channels, c0, Math.min(BLOCK, channels - c0), alpha, pointScale, out,
                        accumulate, from, to);
            }
        });
    }

    /** Slices channels c0..c0+count (count <= 6) of points [from, to), accumulating in locals. */
    private void sliceBlock(float[] values, int channels, int c0, int count, float alpha, float[] pointScale,
                            float[] out, boolean accumulate, int from, int to) {
        int stride = d + 1;
        for (int i = from; i < to; i++) {
            float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0;
            int base = i * stride;
            for (int r = 0; r < stride; r++) {
                float w = weights[base + r];
                int v = offsets[base + r] * channels + c0;
                a0 += w * values[v];
                if (count > 1) a1 += w * values[v + 1];
                if (count > 2) a2 += w * values[v + 2];
                if (count > 3) a3 += w * values[v + 3];
                if (count > 4) a4 += w * values[v + 4];
                if (count > 5) a5 += w * values[v + 5];
            }
            float s = pointScale == null ? alpha : alpha * pointScale[i];
            int o = c0 * n + i;
            store(out, o, s * a0, accumulate);
            if (count > 1) store(out, o + n, s * a1, accumulate);
            if (count > 2) store(out, o + 2 * n, s * a2, accumulate);
            if (count > 3) store(out, o + 3 * n, s * a3, accumulate);
            if (count > 4) store(out, o + 4 * n, s * a4, accumulate);
            if (count > 5) store(out, o + 5 * n, s * a5, accumulate);
        }
    }

    private static void store(float[] out, int o, float value, boolean accumulate) {
        out[o] = accumulate ? out[o] + value : value;
    }
}
