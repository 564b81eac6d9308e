package org.atrous.crf;

import org.atrous.progress.ProgressListener;

/**
 * Builds a {@link PermutohedralLattice} on all cores: each thread embeds a contiguous range of
 * points into its own hash table, the (few) distinct vertices of all threads are then merged
 * into one table, local vertex indices remapped, and the blur neighbours looked up once.
 */
final class LatticeBuilder {

    private static final int CANCEL_CHECK = 1 << 15;
    private final FeatureSource source;
    private final ProgressListener listener;
    private final int d;
    private final int n;
    private final int threads = Parallel.threads();

    LatticeBuilder(FeatureSource source, ProgressListener listener) {
        this.source = source;
        this.listener = listener == null ? ProgressListener.NONE : listener;
        this.d = source.dimensions();
        this.n = source.size();
        if (d < 1) throw new IllegalArgumentException("lattice needs at least one feature dimension");
        if (n < 1) throw new IllegalArgumentException("lattice needs at least one point");
        if ((long) n * (d + 1) > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many points for one lattice: " + n + " points x "
                    + (d + 1) + " vertices exceeds 2^31; restrict to a bounding box or process slabs");
        }
    }

    PermutohedralLattice build() {
        return build(false);
    }

    /** {@code wideKeys}: skip the packed fast path (tests compare both paths). */
    PermutohedralLattice build(boolean wideKeys) {
        int[] offsets = new int[n * (d + 1)];
        char[] weights = new char[n * (d + 1)];
        if (wideKeys) return buildWide(offsets, weights);
        try {
            return buildPacked(offsets, weights);
        } catch (KeysTooWide e) {
            return buildWide(offsets, weights);
        }
    }

    /** Thrown when a vertex coordinate does not fit the packed long key: use int keys. */
    private static final class KeysTooWide extends RuntimeException {
        KeysTooWide() {
            super(null, null, false, false);
        }
    }

    /** Fast path: every vertex packed into a long. */
    private PermutohedralLattice buildPacked(int[] offsets, char[] weights) {
        int stride = d + 1;
        PackedKeyTable[] local = new PackedKeyTable[threads];
        Parallel.forRanges(n, threads, (t, from, to) -> local[t] = embedPacked(from, to, offsets, weights));
        listener.checkCanceled();
        PackedKeyTable global = new PackedKeyTable(local[0].size() * threads);
        int[][] remap = new int[threads][];
        for (int t = 0; t < threads; t++) {
            if (local[t] == null) continue;
            remap[t] = new int[local[t].size()];
            for (int e = 0; e < remap[t].length; e++) remap[t][e] = global.find(local[t].key(e), true);
        }
        remapOffsets(offsets, remap, stride);
        int m = global.size();
        return PermutohedralLattice.of(d, n, m, offsets, weights, packedNeighbours(global, m));
    }

    private PackedKeyTable embedPacked(int from, int to, int[] offsets, char[] weights) {
        PackedKeyTable table = new PackedKeyTable(1024);
        SimplexEmbedding simplex = new SimplexEmbedding(d);
        int stride = d + 1;
        // Neighbouring voxels mostly share simplex vertices: compare with the previous point's
        // vertex of the same remainder before paying for a hash lookup.
        long[] previousKeys = new long[stride];
        int[] previousOffsets = new int[stride];
        java.util.Arrays.fill(previousOffsets, -1);
        for (int i = from; i < to; i++) {
            if ((i & (CANCEL_CHECK - 1)) == 0) listener.checkCanceled();
            simplex.embed(source, i, false);
            if (!simplex.fits) throw new KeysTooWide();
            int base = i * stride;
            for (int r = 0; r < stride; r++) {
                long key = simplex.packed[r];
                int offset = previousOffsets[r];
                if (offset < 0 || key != previousKeys[r]) {
                    offset = table.find(key, true);
                    previousKeys[r] = key;
                    previousOffsets[r] = offset;
                }
                offsets[base + r] = offset;
                weights[base + r] = PermutohedralLattice.quantize(simplex.weights[r]);
            }
        }
        return table;
    }

    private int[] packedNeighbours(PackedKeyTable table, int m) {
        int[] neighbours = allocateNeighbours(m);
        Parallel.forRanges(m, (t, from, to) -> {
            SimplexEmbedding codec = new SimplexEmbedding(d);
            int[] key = new int[d];
            int[] n1 = new int[d];
            int[] n2 = new int[d];
            for (int v = from; v < to; v++) {
                codec.unpack(table.key(v), key);
                for (int j = 0; j <= d; j++) {
                    stepKeys(key, j, n1, n2);
                    long p1 = codec.pack(n1, 0);
                    long p2 = codec.pack(n2, 0);
                    int a = p1 == -1 ? -1 : table.find(p1, false);
                    int b = p2 == -1 ? -1 : table.find(p2, false);
                    neighbours[2 * j * m + v] = a < 0 ? m : a;
                    neighbours[(2 * j + 1) * m + v] = b < 0 ? m : b;
                }
            }
        });
        return neighbours;
    }

    /** Slow path for features so far apart that vertex coordinates need full ints. */
    private PermutohedralLattice buildWide(int[] offsets, char[] weights) {
        int stride = d + 1;
        LatticeHashTable[] local = new LatticeHashTable[threads];
        Parallel.forRanges(n, threads, (t, from, to) -> local[t] = embedRange(from, to, offsets, weights));
        listener.checkCanceled();
        LatticeHashTable global = new LatticeHashTable(d, local[0].size() * threads);
        int[][] remap = new int[threads][];
        for (int t = 0; t < threads; t++) {
            if (local[t] == null) continue;
            remap[t] = new int[local[t].size()];
            int[] keys = local[t].keys();
            for (int e = 0; e < remap[t].length; e++) remap[t][e] = global.find(keys, e * d, true);
        }
        remapOffsets(offsets, remap, stride);
        int m = global.size();
        int[] neighbours = findNeighbours(global, m);
        return PermutohedralLattice.of(d, n, m, offsets, weights, neighbours);
    }

    /** Replaces each thread's local vertex indices by the global ones. */
    private void remapOffsets(int[] offsets, int[][] remap, int stride) {
        Parallel.forRanges(n, threads, (t, from, to) -> {
            int[] map = remap[t];
            for (int k = from * stride; k < to * stride; k++) offsets[k] = map[offsets[k]];
        });
    }

    /** The vertices one step before (n1) and after (n2) {@code key} along lattice direction j. */
    private void stepKeys(int[] key, int j, int[] n1, int[] n2) {
        for (int k = 0; k < d; k++) {
            n1[k] = key[k] - 1;
            n2[k] = key[k] + 1;
        }
        if (j < d) {
            n1[j] = key[j] + d;
            n2[j] = key[j] - d;
        }
    }

    private int[] allocateNeighbours(int m) {
        if ((long) 2 * (d + 1) * m > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("lattice too large");
        return new int[2 * (d + 1) * m];
    }

    private LatticeHashTable embedRange(int from, int to, int[] offsets, char[] weights) {
        LatticeHashTable table = new LatticeHashTable(d, 1024);
        SimplexEmbedding simplex = new SimplexEmbedding(d);
        int stride = d + 1;
        // Neighbouring voxels mostly share simplex vertices: compare with the previous point's
        // vertex of the same remainder before paying for a hash lookup.
        int[] previousKeys = new int[stride * d];
        int[] previousOffsets = new int[stride];
        java.util.Arrays.fill(previousOffsets, -1);
        for (int i = from; i < to; i++) {
            if ((i & (CANCEL_CHECK - 1)) == 0) listener.checkCanceled();
            simplex.embed(source, i, true);
            int base = i * stride;
            for (int r = 0; r < stride; r++) {
                int offset = previousOffsets[r];
                if (offset < 0 || !sameKey(simplex.keys, previousKeys, r * d)) {
                    offset = table.find(simplex.keys, r * d, true);
                    System.arraycopy(simplex.keys, r * d, previousKeys, r * d, d);
                    previousOffsets[r] = offset;
                }
                offsets[base + r] = offset;
                weights[base + r] = PermutohedralLattice.quantize(simplex.weights[r]);
            }
        }
        return table;
    }

    private boolean sameKey(int[] a, int[] b, int from) {
        for (int k = from; k < from + d; k++) {
            if (a[k] != b[k]) return false;
        }
        return true;
    }

    /**
     * For each direction j (0..d) and vertex v: the vertices one lattice step before and after v
     * along j, or m (the zero vertex) where the splat never touched that point. Stored as
     * {@code [2 j m + v]} (before) and {@code [(2 j + 1) m + v]} (after).
     */
    private int[] findNeighbours(LatticeHashTable table, int m) {
        int[] neighbours = allocateNeighbours(m);
        int[] keys = table.keys();
        Parallel.forRanges(m, (t, from, to) -> {
            int[] key = new int[d];
            int[] n1 = new int[d];
            int[] n2 = new int[d];
            for (int v = from; v < to; v++) {
                System.arraycopy(keys, v * d, key, 0, d);
                for (int j = 0; j <= d; j++) {
                    stepKeys(key, j, n1, n2);
                    int a = table.find(n1, 0, false);
                    int b = table.find(n2, 0, false);
                    neighbours[2 * j * m + v] = a < 0 ? m : a;
                    neighbours[(2 * j + 1) * m + v] = b < 0 ? m : b;
                }
            }
        });
        return neighbours;
    }
}
