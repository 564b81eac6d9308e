package org.atrous.pipeline;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Files a run can write per series. */
public enum OutputKind {
    /** DICOM Segmentation on the source grid, referencing the source instances: seg.dcm. */
    SEG("seg.dcm"),
    /**
     * DICOM Structured Report (TID 1500 Imaging Measurement Report) with each class's volume,
     * longest lesion diameter and HU, referencing its segment in seg.dcm: measurements-sr.dcm.
     */
    SR("measurements-sr.dcm"),
    /** RT Structure Set with one ROI per class: rtstruct.dcm. */
    RTSTRUCT("rtstruct.dcm"),
    /** ImageJ ROI Manager set, one ROI per component per class per slice: rois.zip. */
    ROIS("rois.zip"),
    /** Label volume as NIfTI (RAS), for training and other tools: labels.nii.gz. */
    NIFTI("labels.nii.gz"),
    /** Per-class volume, components, diameter and HU: stats.csv. */
    STATS("stats.csv"),
    /**
     * One row per 3D connected component of each class (each tumour, say): volume, RECIST
     * diameters, HU, centroid, the network's mean probability: components.csv.
     */
    COMPONENTS("components.csv"),
    /** Montage of slices with coloured outlines: preview.png. */
    PREVIEW("preview.png"),
    /** The series as an ImageJ stack in HU, calibrated in mm, with the ROIs as overlay: image.tif. */
    TIFF("image.tif"),
    /**
     * The network's per-class probabilities (background first, before any CRF) as a 4-D NIfTI
     * of bytes with slope 1/255: probabilities.nii.gz.
     */
    PROBABILITIES("probabilities.nii.gz"),
    /**
     * The same probabilities as a FRACTIONAL DICOM Segmentation (PROBABILITY, maximum 255) for a
     * PACS or viewer: probabilities-seg.dcm. Asked for only: a frame of bytes per class and slice
     * makes it about eight times a BINARY SEG's size per frame.
     */
    PROBABILITY_SEG("probabilities-seg.dcm", false),
    /**
     * The same FRACTIONAL SEG uncompressed (Explicit VR Little Endian), for a PACS or viewer that
     * does not accept the Deflated transfer syntax: probabilities-seg.dcm, about 90 times larger.
     */
    PROBABILITY_SEG_UNCOMPRESSED("probabilities-seg.dcm", false);

    private final String fileName;
    private final boolean byDefault;

    OutputKind(String fileName) { this(fileName, true); }

    OutputKind(String fileName, boolean byDefault) {
        this.fileName = fileName;
        this.byDefault = byDefault;
    }

    public String fileName() { return fileName; }

    /** What {@code segment} writes when no outputs are named: everything but the asked-for-only kinds. */
    public static Set<OutputKind> defaults() {
        Set<OutputKind> d = EnumSet.noneOf(OutputKind.class);
        for (OutputKind k : values()) if (k.byDefault) d.add(k);
        return d;
    }

    /** The kinds, refused when two of them would write the same file. */
    public static Set<OutputKind> checked(Set<OutputKind> kinds) {
        if (kinds.contains(PROBABILITY_SEG) && kinds.contains(PROBABILITY_SEG_UNCOMPRESSED)) {
            throw new IllegalArgumentException("probability-seg and probability-seg-uncompressed are the same file, "
                    + "deflated or not: name one");
        }
        if (kinds.contains(SR) && !kinds.contains(SEG)) {
            throw new IllegalArgumentException("sr references the segments of seg.dcm: ask for seg too");
        }
        return kinds;
    }

    /** The kinds with the probability SEG, if any, written uncompressed. */
    public static Set<OutputKind> uncompressedProbabilitySeg(Set<OutputKind> kinds) {
        Set<OutputKind> k = EnumSet.copyOf(kinds);
        if (k.remove(PROBABILITY_SEG)) k.add(PROBABILITY_SEG_UNCOMPRESSED);
        return k;
    }

    /** "probability-seg", "PROBABILITY_SEG", "stats": the kind; an unknown name lists the known ones. */
    public static OutputKind parse(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (OutputKind k : values()) if (k.name().equals(n)) return k;
        throw new IllegalArgumentException("unknown output " + name.trim() + "; known: " + Arrays.stream(values())
                .map(k -> k.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList());
    }
}
