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

    /** "centre:width" in image units (HU for CT), such as "40:400". */
    public static IntensityWindow parse(String centreWidth) {
        String[] cw = centreWidth.trim().split(":");
        try {
            if (cw.length == 2) return new IntensityWindow(Double.parseDouble(cw[0]), Double.parseDouble(cw[1]));
        } catch (NumberFormatException e) {
            // reported below with the whole value
        }
        throw new IllegalArgumentException("a window is centre:width in HU, such as 40:400, not " + centreWidth);
    }

    public float apply(float value) {
        double t = (value - (centre - width / 2)) / width;
        return (float) Math.min(1, Math.max(0, t));
    }
}
