package org.atrous.roi;

/**
 * Labels connected components of a binary mask with an iterative flood fill (no recursion, so
 * large organs cannot overflow the stack). 2D masks use 8-connectivity, as ImageJ's particle
 * analyzer does; 3D masks use 26-connectivity, the same "touching corners count" rule.
 */
public final class ComponentLabeler {

    private ComponentLabeler() { }

    /**
     * Labels the true voxels of {@code mask} (index {@code (z*ny + y)*nx + x}) from 1 upwards.
     *
     * @return component index per voxel (0 outside the mask); element {@code [mask.length]}
     *         is not used — call {@link #count(int[])} for the number of components
     */
    public static int[] label(boolean[] mask, int nx, int ny, int nz) {
        int[] labels = new int[mask.length];
        int[] stack = new int[Math.max(16, mask.length / 8)];
        int next = 0;
        for (int start = 0; start < mask.length; start++) {
            if (!mask[start] || labels[start] != 0) continue;
            next++;
            labels[start] = next;
            int top = 0;
            stack[top++] = start;
            while (top > 0) {
                int i = stack[--top];
                int x = i % nx, y = (i / nx) % ny, z = i / (nx * ny);
                for (int dz = nz > 1 ? -1 : 0; dz <= (nz > 1 ? 1 : 0); dz++) {
                    int zz = z + dz;
                    if (zz < 0 || zz >= nz) continue;
                    for (int dy = -1; dy <= 1; dy++) {
                        int yy = y + dy;
                        if (yy < 0 || yy >= ny) continue;
                        for (int dx = -1; dx <= 1; dx++) {
                            int xx = x + dx;
                            if (xx < 0 || xx >= nx) continue;
                            int j = (zz * ny + yy) * nx + xx;
                            if (mask[j] && labels[j] == 0) {
                                labels[j] = next;
                                if (top == stack.length) stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                                stack[top++] = j;
                            }
                        }
                    }
                }
            }
        }
        return labels;
    }

    /**
     * Component numbers from the largest down, ties in labelling order: the rank that numbers
     * components in components.csv and lesion segments alike. {@code count[k]} is component k's
     * voxel count, k = 1..n (index 0 unused).
     */
    static Integer[] largestFirst(long[] count) {
        Integer[] order = new Integer[count.length - 1];
        for (int k = 1; k < count.length; k++) order[k - 1] = k;
        java.util.Arrays.sort(order, (a, b) -> Long.compare(count[b], count[a]));
        return order;
    }

    /** Number of components in a labelling made by {@link #label}. */
    public static int count(int[] labels) {
        int max = 0;
        for (int l : labels) if (l > max) max = l;
        return max;
    }
}
