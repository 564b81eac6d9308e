package org.atrous.dicom;

import java.util.Locale;

/**
 * A block of a series' voxels, ends exclusive: the region a user asks to segment alone (a model
 * trained on crops around its structures, such as the hippocampus in a whole-brain MR). Written
 * {@code X0:X1,Y0:Y1,Z0:Z1} in voxel indices from 0 (columns, rows, slices as read); an empty
 * side means the grid's edge, so {@code 100:300,120:320,:} keeps every slice.
 */
public record VoxelBox(int x0, int x1, int y0, int y1, int z0, int z1) {

    /** Integer.MAX_VALUE as an end: up to the grid's edge. */
    private static final int EDGE = Integer.MAX_VALUE;

    public VoxelBox {
        if (x0 < 0 || y0 < 0 || z0 < 0 || x1 <= x0 || y1 <= y0 || z1 <= z0) {
            throw new IllegalArgumentException("empty or negative region: " + text(x0, x1) + "," + text(y0, y1) + ","
                    + text(z0, z1));
        }
    }

    /** Parses {@code X0:X1,Y0:Y1,Z0:Z1}; refuses anything else with the form it wants. */
    public static VoxelBox parse(String text) {
        String[] axes = text.trim().split(",", -1);
        if (axes.length != 3) throw form(text);
        int[] v = new int[6];
        for (int a = 0; a < 3; a++) {
            String[] ends = axes[a].trim().split(":", -1);
            if (ends.length != 2) throw form(text);
            try {
                v[2 * a] = ends[0].isBlank() ? 0 : Integer.parseInt(ends[0].trim());
                v[2 * a + 1] = ends[1].isBlank() ? EDGE : Integer.parseInt(ends[1].trim());
            } catch (NumberFormatException e) {
                throw form(text);
            }
        }
        return new VoxelBox(v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    /** This region within {@code g}: ends past the edge cut to it; refused when nothing of it lies in the grid. */
    public VoxelBox within(Geometry g) {
        int ax1 = Math.min(x1, g.nx()), ay1 = Math.min(y1, g.ny()), az1 = Math.min(z1, g.nz());
        if (x0 >= ax1 || y0 >= ay1 || z0 >= az1) {
            throw new IllegalArgumentException("the region " + this + " lies outside the series' " + g.nx() + "x" + g.ny()
                    + "x" + g.nz() + " voxels");
        }
        return new VoxelBox(x0, ax1, y0, ay1, z0, az1);
    }

    /** True when the region is the whole of {@code g}. */
    public boolean whole(Geometry g) {
        VoxelBox b = within(g);
        return b.x0 == 0 && b.y0 == 0 && b.z0 == 0 && b.x1 == g.nx() && b.y1 == g.ny() && b.z1 == g.nz();
    }

    /** The region's voxels of {@code v} as a volume of their own, where they lie in the patient. */
    public Volume crop(Volume v) {
        Geometry g = v.geometry();
        VoxelBox b = within(g);
        int w = b.x1 - b.x0, h = b.y1 - b.y0, d = b.z1 - b.z0;
        float[] out = new float[w * h * d];
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(v.data(), ((b.z0 + z) * g.ny() + b.y0 + y) * g.nx() + b.x0, out, (z * h + y) * w, w);
            }
        }
        Geometry cg = new Geometry(new int[] {w, h, d}, g.spacing(), g.toPatient(b.x0, b.y0, b.z0), g.direction());
        return Volume.of(out, cg, v.modality());
    }

    /** Labels of the region ({@link #crop}'s grid) placed into a label array of the whole grid {@code g}, 0 elsewhere. */
    public byte[] paste(byte[] region, Geometry g) {
        VoxelBox b = within(g);
        int w = b.x1 - b.x0, h = b.y1 - b.y0, d = b.z1 - b.z0;
        if (region.length != w * h * d) throw new IllegalArgumentException("labels are not the region's size");
        byte[] out = new byte[(int) g.voxelCount()];
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(region, (z * h + y) * w, out, ((b.z0 + z) * g.ny() + b.y0 + y) * g.nx() + b.x0, w);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return text(x0, x1) + "," + text(y0, y1) + "," + text(z0, z1);
    }

    private static String text(int from, int to) {
        return from + ":" + (to == EDGE ? "" : String.valueOf(to));
    }

    private static IllegalArgumentException form(String text) {
        return new IllegalArgumentException(String.format(Locale.ROOT, "region '%s': write it X0:X1,Y0:Y1,Z0:Z1 in voxels"
                + " from 0, ends exclusive, an empty side for the edge (e.g. 100:300,120:320,:)", text));
    }
}
