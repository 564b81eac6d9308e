package org.atrous.model;

import java.util.List;

/**
 * How a model wants its input, as its model card states it.
 *
 * @param windows          CT: one channel per window per context slice; empty for MR
 * @param zscore           MR and other uncalibrated images: normalise each volume to zero mean
 *                         and unit variance over all its voxels (as nnU-Net does for MR)
 * @param targetSpacingMm  in-plane pixel spacing the model was trained at, or 0 to keep the
 *                         series' own spacing
 * @param tileSize         largest slice side fed at once; larger slices are tiled with overlap
 * @param padMultiple      network input sides are padded to a multiple of this (its output stride)
 * @param contextSlices    2.5D: neighbouring slices on each side added as channels (0 = 2D)
 * @param sliceAxis        the volume axis the model slices across ({@link SliceAxis#Z}: the
 *                         series' own slices)
 * @param sliceSpacingMm   spacing of the slices a 2.5D model was trained on, into slabs of
 *                         which a thinner series is averaged ({@link SliceResampling}); 0 takes
 *                         the slices as they come
 */
public record Preprocessing(List<IntensityWindow> windows, boolean zscore, double targetSpacingMm,
                            int tileSize, int padMultiple, int contextSlices, SliceAxis sliceAxis,
                            double sliceSpacingMm) {

    /** Taking the slices as they come. */
    public Preprocessing(List<IntensityWindow> windows, boolean zscore, double targetSpacingMm,
                         int tileSize, int padMultiple, int contextSlices, SliceAxis sliceAxis) {
        this(windows, zscore, targetSpacingMm, tileSize, padMultiple, contextSlices, sliceAxis, 0);
    }

    /** Slicing across the series' own slices. */
    public Preprocessing(List<IntensityWindow> windows, boolean zscore, double targetSpacingMm,
                         int tileSize, int padMultiple, int contextSlices) {
        this(windows, zscore, targetSpacingMm, tileSize, padMultiple, contextSlices, SliceAxis.Z);
    }

    public Preprocessing {
        windows = windows == null ? List.of() : List.copyOf(windows);
        sliceAxis = sliceAxis == null ? SliceAxis.Z : sliceAxis;
        if (windows.isEmpty() == !zscore) {
            throw new IllegalArgumentException("preprocessing needs either HU windows or z-score normalisation");
        }
        if (tileSize < 16) throw new IllegalArgumentException("tile size must be at least 16: " + tileSize);
        if (padMultiple < 1) throw new IllegalArgumentException("pad multiple must be positive: " + padMultiple);
        if (contextSlices < 0) throw new IllegalArgumentException("context slices cannot be negative");
        if (targetSpacingMm < 0) throw new IllegalArgumentException("target spacing cannot be negative");
        if (!(sliceSpacingMm >= 0) || !Double.isFinite(sliceSpacingMm)) {
            throw new IllegalArgumentException("slice spacing must be 0 or positive: " + sliceSpacingMm);
        }
    }

    public Preprocessing withSliceAxis(SliceAxis axis) {
        return new Preprocessing(windows, zscore, targetSpacingMm, tileSize, padMultiple, contextSlices, axis, sliceSpacingMm);
    }

    /** The same with another in-plane spacing (a magnified look feeds smaller pixels). */
    public Preprocessing withTargetSpacing(double mm) {
        return new Preprocessing(windows, zscore, mm, tileSize, padMultiple, contextSlices, sliceAxis, sliceSpacingMm);
    }

    /** The same with the slices resampled to {@code mm} apart (0: taken as they come). */
    public Preprocessing withSliceSpacing(double mm) {
        return new Preprocessing(windows, zscore, targetSpacingMm, tileSize, padMultiple, contextSlices, sliceAxis, mm);
    }

    /** Input channels of the network: windows (or 1) × (2·context + 1). */
    public int channels() {
        return Math.max(1, windows.size()) * (2 * contextSlices + 1);
    }
}
