package org.atrous.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the network looks at one (resampled) slice: a single padded tile when the slice fits,
 * else overlapping tiles whose predictions are blended with weights that fall towards tile
 * edges, where a convolutional network sees the least context.
 *
 * @param width   tile input width (padded to the pad multiple)
 * @param height  tile input height
 * @param origins tile top-left corners {x, y} in slice coordinates
 */
public record TilePlan(int width, int height, List<int[]> origins) {

    public static TilePlan of(int sliceW, int sliceH, int tileSize, int padMultiple) {
        int tile = Math.max(padMultiple, tileSize / padMultiple * padMultiple);
        int w = sliceW <= tile ? roundUp(sliceW, padMultiple) : tile;
        int h = sliceH <= tile ? roundUp(sliceH, padMultiple) : tile;
        List<int[]> origins = new ArrayList<>();
        for (int y : starts(sliceH, h)) for (int x : starts(sliceW, w)) origins.add(new int[] {x, y});
        return new TilePlan(w, h, origins);
    }

    /** Tile starts along one axis: step of 3/4 tile, the last tile flush with the end. */
    private static List<Integer> starts(int size, int tile) {
        List<Integer> s = new ArrayList<>();
        if (size <= tile) {
            s.add(0);
            return s;
        }
        int step = Math.max(1, tile * 3 / 4);
        for (int p = 0; p + tile < size; p += step) s.add(p);
        s.add(size - tile);
        return s;
    }

    private static int roundUp(int v, int m) {
        return (v + m - 1) / m * m;
    }

    /** Blending weight of each tile pixel: 1 in the middle, falling linearly to 0.05 at edges. */
    public float[] weights() {
        float[] w = new float[width * height];
        boolean single = origins.size() == 1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                w[y * width + x] = single ? 1f : ramp(x, width) * ramp(y, height);
            }
        }
        return w;
    }

    private static float ramp(int i, int n) {
        float edge = Math.min(i + 0.5f, n - i - 0.5f) / (n / 4f);
        return Math.max(0.05f, Math.min(1f, edge));
    }
}
