package org.atrous.pipeline;

/** Files a run can write per series. */
public enum OutputKind {
    /** DICOM Segmentation on the source grid, referencing the source instances: seg.dcm. */
    SEG("seg.dcm"),
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
    PROBABILITIES("probabilities.nii.gz");

    private final String fileName;

    OutputKind(String fileName) { this.fileName = fileName; }

    public String fileName() { return fileName; }
}
