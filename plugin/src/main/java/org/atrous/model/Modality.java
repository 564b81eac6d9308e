package org.atrous.model;

import java.util.Locale;

/**
 * The DICOM modality a model was trained on (0008,0060, e.g. "CT", "MR") and what that says
 * about a series: a CT model reads Hounsfield units, so an MR or an ultrasound series gives it
 * numbers it never saw, and its labels mean nothing.
 */
public final class Modality {

    private Modality() { }

    /** A modality code as DICOM writes it (upper case, code string), or null for blank. */
    public static String parse(String code) {
        if (code == null || code.isBlank()) return null;
        String c = code.trim().toUpperCase(Locale.ROOT);
        if (!c.matches("[A-Z0-9_ ]{1,16}")) {
            throw new IllegalArgumentException("modality must be a DICOM modality code such as CT or MR, not '"
                    + code + "'");
        }
        return c;
    }

    /**
     * Why a series of {@code seriesModality} does not suit a model of {@code modelModality}, or
     * null when it does: a model of no modality reads any, and a series that names none (NIfTI,
     * an ImageJ stack) is taken at its word.
     */
    public static String mismatch(String modelModality, String seriesModality, String modelName) {
        if (modelModality == null || seriesModality == null || seriesModality.isBlank()) return null;
        if (modelModality.equalsIgnoreCase(seriesModality.trim())) return null;
        return "the series is " + seriesModality.trim() + " and " + modelName + " was trained on " + modelModality
                + "; expect meaningless labels";
    }
}
