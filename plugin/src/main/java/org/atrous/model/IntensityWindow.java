package org.atrous.model;

/**
 * A display-style window that maps image values (HU for CT) linearly onto [0, 1], clamping
 * outside: {@code (v - (centre - width/2)) / width}. Several windows stacked as channels give a
 * network soft tissue, bone and air contrast at once.
 */
public record IntensityWindow(double centre, double width) {

    public IntensityWindow {
        if (!(width > 0)) throw new IllegalArgumentException("window width must be positive: " + width);
    }

    public float apply(float value) {
        double t = (value - (centre - width / 2)) / width;
        return (float) Math.min(1, Math.max(0, t));
    }
}
