package org.atrous.crf;

import java.util.Locale;

/** Whether and how the network's probabilities are refined by the dense CRF. */
public enum CrfMode {
    OFF, SLICES_2D, VOLUME_3D;

    /** Parses "off", "2d" or "3d" as users type them on the command line and in macros. */
    public static CrfMode parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "off", "none", "no" -> OFF;
            case "2d" -> SLICES_2D;
            case "3d" -> VOLUME_3D;
            default -> throw new IllegalArgumentException("CRF mode must be off, 2d or 3d, not \"" + s + "\"");
        };
    }

    public String label() {
        return switch (this) { case OFF -> "off"; case SLICES_2D -> "2d"; case VOLUME_3D -> "3d"; };
    }
}
