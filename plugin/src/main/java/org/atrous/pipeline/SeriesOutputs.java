package org.atrous.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import ij.ImagePlus;
import ij.io.FileSaver;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.MeasurementReportWriter;
import org.atrous.dicom.NiftiWriter;
import org.atrous.dicom.RtStructWriter;
import org.atrous.dicom.SegWriter;
import org.atrous.dicom.SegmentationAlgorithm;
import org.atrous.model.ProbabilityVolume;
import org.atrous.roi.ClassMeasurement;
import org.atrous.roi.ComponentMeasurement;
import org.atrous.roi.ComponentMeasurer;
import org.atrous.roi.LabelContours;
import org.atrous.roi.LabelRois;
import org.atrous.roi.LesionSegments;
import org.atrous.roi.MeasurementCsv;
import org.atrous.roi.PreviewRenderer;
import org.atrous.roi.RoiZip;
import org.atrous.roi.SegmentationMeasurer;
import org.atrous.roi.VolumeImages;

/**
 * Writes one series' results into a folder that appears only when every file is complete: all
 * files go to a hidden sibling folder first, which is renamed at the end. A crash leaves at
 * most that hidden folder, which the next run removes and redoes.
 */
public final class SeriesOutputs {

    private SeriesOutputs() { }

    public static List<String> write(PipelineResult r, SegmentationAlgorithm algo, Set<OutputKind> kinds, Path dir)
            throws IOException {
        return write(r, algo, kinds, dir, false);
    }

    /**
     * As above; with {@code lesionSegments} the SEG, RT Structure Set and SR have one segment (ROI,
     * measurement group) per lesion, "liver tumour #1" from the largest down ({@link LesionSegments}).
     */
    public static List<String> write(PipelineResult r, SegmentationAlgorithm algo, Set<OutputKind> kinds, Path dir,
                                     boolean lesionSegments) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        OutputKind.checked(kinds);
        Path tmp = parent.resolve("." + dir.getFileName() + ".partial");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        boolean dicom = !r.image().slices().isEmpty();
        // a secondary capture has no patient space to place a SEG's frames or an RT contour in
        boolean placed = dicom && !r.image().identity().frameOfReferenceUid().isEmpty();
        SegWriter.Target seg = SegWriter.Target.fresh(900, "Atrous segmentation"); // the SR references it
        LabelVolume dicomLabels = lesionSegments && dicom ? LesionSegments.split(r.labels()) : r.labels();
        List<String> notWritten = new ArrayList<>();
        for (OutputKind k : kinds) {
            boolean needsDicom = k == OutputKind.SEG || k == OutputKind.RTSTRUCT || k == OutputKind.PROBABILITY_SEG
                    || k == OutputKind.PROBABILITY_SEG_UNCOMPRESSED || k == OutputKind.SR;
            if (needsDicom && !placed) {
                notWritten.add(k.fileName());
                continue;
            }
            writeOne(r, dicomLabels, algo, k, seg, tmp.resolve(k.fileName()));
        }
        // The old folder is moved aside, not deleted in place: no moment shows a half-deleted folder.
        Path old = parent.resolve("." + dir.getFileName() + ".old");
        deleteTree(old);
        if (Files.exists(dir)) Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
        if (notWritten.isEmpty()) return List.of();
        return List.of(String.join(", ", notWritten) + " not written: " + (dicom
                ? "the series has no Frame of Reference (a secondary capture?), so DICOM objects cannot be placed on it"
                : "the image is not DICOM, so DICOM objects have no instances to reference")
                + "; the labels, ROIs and statistics are");
    }

    /** One file; the DICOM objects (SEG, RT Structure Set, SR) from {@code dicomLabels}, the rest from the result's labels. */
    private static void writeOne(PipelineResult r, LabelVolume dicomLabels, SegmentationAlgorithm algo, OutputKind k,
                                 SegWriter.Target seg, Path f) throws IOException {
        switch (k) {
            case SEG -> SegWriter.write(dicomLabels, r.image(), algo, seg, f);
            case SR -> writeMeasurementReport(r, dicomLabels, algo, seg, f);
            case RTSTRUCT -> RtStructWriter.write(r.image(), LabelContours.of(dicomLabels), algo, f);
            case ROIS -> {
                try (OutputStream out = Files.newOutputStream(f)) {
                    RoiZip.write(LabelRois.toRois(r.labels(), false), out);
                }
            }
            case NIFTI -> NiftiWriter.writeLabels(r.labels(), f);
            case PROBABILITIES -> writeProbabilities(r, f);
            case PROBABILITY_SEG -> writeProbabilitySeg(r, algo, f, true);
            case PROBABILITY_SEG_UNCOMPRESSED -> writeProbabilitySeg(r, algo, f, false);
            case STATS -> Files.writeString(f, MeasurementCsv.of(r.measurements()), StandardCharsets.UTF_8);
            case COMPONENTS -> Files.writeString(f, MeasurementCsv.ofComponents(components(r)), StandardCharsets.UTF_8);
            case TIFF -> {
                ImagePlus imp = VolumeImages.toImagePlus(r.image(), "segmented");
                imp.setOverlay(LabelRois.toOverlay(r.labels(), false));
                // saveAsTiffStack refuses a single slice ("This is not a stack"); saveAsTiff takes both
                if (!new FileSaver(imp).saveAsTiff(f.toString())) throw new IOException("cannot write " + f);
            }
            case PREVIEW -> ImageIO.write(PreviewRenderer.render(r.image(), r.labels(), 16, 256, window(r)), "png", f.toFile());
        }
    }

    /** Probabilities of the labels' classes as a deflated FRACTIONAL SEG; byte k of class k is the NIfTI's volume k. */
    public static void writeProbabilitySeg(PipelineResult r, SegmentationAlgorithm algo, Path f) throws IOException {
        writeProbabilitySeg(r, algo, f, true);
    }

    /** As above, deflated or uncompressed (for a receiver that refuses Deflated Explicit VR Little Endian). */
    public static void writeProbabilitySeg(PipelineResult r, SegmentationAlgorithm algo, Path f, boolean deflate)
            throws IOException {
        ProbabilityVolume p = r.probabilities();
        if (p == null) throw new IllegalArgumentException("no probabilities kept for a probability SEG");
        for (org.atrous.dicom.SegmentClass c : r.labels().classes()) {
            if (c.label() >= p.classes()) {
                throw new IllegalArgumentException("no probabilities of class " + c.name() + " (label " + c.label() + ")");
            }
        }
        SegWriter.writeFractional(p::quantised, r.labels(), r.image(), algo,
                SegWriter.Target.fresh(901, "Atrous probabilities"), f, deflate);
    }

    /** The measurements as a TID 1500 SR whose groups reference the segments of the SEG {@code seg} names. */
    public static void writeMeasurementReport(PipelineResult r, SegmentationAlgorithm algo, SegWriter.Target seg, Path f)
            throws IOException {
        writeMeasurementReport(r, r.labels(), algo, seg, f);
    }

    /** The same for a SEG of {@code labels} (the result's, or split per lesion): one group per segment. */
    public static void writeMeasurementReport(PipelineResult r, LabelVolume labels, SegmentationAlgorithm algo, SegWriter.Target seg,
                                       Path f) throws IOException {
        MeasurementReportWriter.SegReference ref = new MeasurementReportWriter.SegReference(seg.sopInstanceUid(),
                seg.seriesInstanceUid(), SegWriter.segmentNumbers(labels));
        List<ClassMeasurement> measured = labels == r.labels() ? r.measurements() : SegmentationMeasurer.measure(labels, r.image());
        List<MeasurementReportWriter.Measured> perClass = measured.stream()
                .map(m -> new MeasurementReportWriter.Measured(m.label(), m.name(), m.voxels(), m.volumeMl(),
                        m.largestDiameterMm(), m.meanValue(), m.sdValue())).toList();
        MeasurementReportWriter.write(r.image(), labels.classes(), perClass, ref, algo,
                SegWriter.Target.fresh(902, "Atrous measurements"), f);
    }

    /** The DICOM objects written into a series' folder, for a PACS: SEG, SR, RT Structure Set, probability SEG. */
    public static List<Path> dicomObjects(Path dir) {
        return Stream.of(OutputKind.SEG, OutputKind.SR, OutputKind.RTSTRUCT, OutputKind.PROBABILITY_SEG)
                .map(k -> dir.resolve(k.fileName())).filter(Files::isRegularFile).toList();
    }

    /** Per-component rows, with the network's probabilities where the result has them. */
    public static List<ComponentMeasurement> components(PipelineResult r) {
        ProbabilityVolume p = r.probabilities();
        ComponentMeasurer.VoxelProbability prob = p == null ? null : (c, i) -> c < p.classes() ? p.get(c, i) : Double.NaN;
        return ComponentMeasurer.measure(r.labels(), r.image(), prob);
    }

    /** Volume k along the 4th axis is label k (0 = background), as numbered in labels.nii.gz. */
    private static void writeProbabilities(PipelineResult r, Path f) throws IOException {
        ProbabilityVolume p = r.probabilities();
        NiftiWriter.writeByteChannels(p.geometry(), p::quantised, p.classes(), 1f / 255,
                "atrous probabilities, volume k = label k", f);
    }

    /** The series' own window, else a soft-tissue window for CT, else the value range. */
    static double[] window(PipelineResult r) {
        if (r.image().window() != null) return r.image().window();
        if ("CT".equals(r.image().modality())) return new double[] {40, 400};
        double[] s = r.image().stats();
        return new double[] {(s[0] + s[1]) / 2, Math.max(1e-6, s[1] - s[0])};
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }
}
