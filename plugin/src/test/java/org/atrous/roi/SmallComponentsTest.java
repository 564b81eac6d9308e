package org.atrous.roi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SmallComponentsTest {

    private static final int N = 20;

    private static void box(byte[] v, int value, int x0, int x1, int y0, int y1, int z0, int z1) {
        for (int z = z0; z < z1; z++) {
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) v[(z * N + y) * N + x] = (byte) value;
            }
        }
    }

    private static long count(byte[] v, int value) {
        long c = 0;
        for (byte b : v) if (b == value) c++;
        return c;
    }

    @Test
    void smallBlobsTakeTheOrganAroundThemAndLargeOnesStay() {
        byte[] v = new byte[N * N * N];
        box(v, 1, 0, 20, 0, 20, 0, 10);  // "liver": the lower half
        box(v, 2, 2, 8, 2, 8, 2, 6);     // a 6x6x4 = 144-voxel "tumour" inside it
        box(v, 2, 12, 14, 12, 14, 3, 4); // a 4-voxel blob inside it
        box(v, 2, 5, 6, 15, 16, 15, 16); // a 1-voxel blob in the background half
        int removed = SmallComponents.remove(v, N, N, N, 2, 10);
        assertEquals(2, removed);
        assertEquals(144, count(v, 2));
        assertEquals(v[(3 * N + 12) * N + 12], 1, "the blob in the liver became liver");
        assertEquals(v[(15 * N + 15) * N + 5], 0, "the blob in the background became background");
        assertEquals(N * N * 10 - 144, count(v, 1));
    }

    @Test
    void diagonalNeighboursAreOneComponentAndAThresholdOfOneKeepsEverything() {
        byte[] v = new byte[N * N * N];
        v[(5 * N + 5) * N + 5] = 3;
        v[(6 * N + 6) * N + 6] = 3; // touches the first at a corner: 26-connected, 2 voxels
        assertEquals(0, SmallComponents.remove(v.clone(), N, N, N, 3, 1));
        assertEquals(0, SmallComponents.remove(v, N, N, N, 3, 2));
        assertEquals(2, count(v, 3));
        assertEquals(1, SmallComponents.remove(v, N, N, N, 3, 3));
        assertEquals(0, count(v, 3));
    }

    @Test
    void keepLargestLeavesOnlyTheBiggestPieceAndMakesTheRestBackground() {
        byte[] v = new byte[N * N * N];
        box(v, 1, 0, 20, 0, 20, 0, 10);   // "liver": the lower half
        box(v, 3, 12, 18, 12, 18, 12, 18); // a 216-voxel "spleen" in the background half
        box(v, 3, 2, 5, 2, 5, 2, 5);       // a 27-voxel "spleen" island inside the liver
        box(v, 3, 2, 4, 14, 16, 14, 16);   // an 8-voxel one in the background
        int removed = SmallComponents.keepLargest(v, N, N, N, 3);
        assertEquals(2, removed);
        assertEquals(216, count(v, 3));
        assertEquals(0, v[(3 * N + 3) * N + 3], "the island in the liver became background, not liver");
        assertEquals(0, v[(15 * N + 15) * N + 3], "the island in the background became background");
        assertEquals(N * N * 10 - 27, count(v, 1));
    }

    @Test
    void keepLargestKeepsEqualLargestPiecesAndIgnoresAnAbsentLabel() {
        byte[] v = new byte[N * N * N];
        box(v, 4, 1, 3, 1, 3, 1, 3);
        box(v, 4, 10, 12, 10, 12, 10, 12);
        assertEquals(0, SmallComponents.keepLargest(v, N, N, N, 4));
        assertEquals(16, count(v, 4));
        assertEquals(0, SmallComponents.keepLargest(v, N, N, N, 5));
    }
}
