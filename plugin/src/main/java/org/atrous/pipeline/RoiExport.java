package org.atrous.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.gui.Roi;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.RtStructWriter;
import org.atrous.dicom.SegWriter;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.SegmentationAlgorithm;
import org.atrous.dicom.Volume;
import org.atrous.roi.LabelContours;
import org.atrous.roi.RoiLabels;

/**
 * ROIs a person corrected or drew, named by class, written as a DICOM SEG (and optionally an
 * RT Structure Set) on the series they outline, so the correction goes back to the PACS. Fiji's
 * Save Segmentation as DICOM and {@code atrous convert rois} both end here.
 */
public final class RoiExport {

    /** Series number of the SEG, beside the automatic one's 900 and the RT Structure Set's 901. */
    static final int SERIES_NUMBER = 902;

    /**
     * @param classes           the classes the ROIs name (a model card's, for their codes and colours)
     * @param classesFrom       where they came from, for the description (e.g. "model ct-abdomen")
     * @param type              SEMIAUTOMATIC (corrected model output) or MANUAL (drawn)
     * @param creator           the person, as a DICOM person name ("Family^Given"), or empty
     * @param seriesDescription the SEG's series description
     * @param rtstruct          also write an RT Structure Set
     */
    public record Request(List<SegmentClass> classes, String classesFrom, SegmentationAlgorithm.Type type,
                          String creator, String seriesDescription, boolean rtstruct) {
        public Request {
            if (type == SegmentationAlgorithm.Type.AUTOMATIC) {
                throw new IllegalArgumentException("ROIs a person edited are semiautomatic or manual, not automatic");
            }
        }
    }

    private RoiExport() { }

    /** "semiautomatic" or "manual", as the commands name the two types of edited outlines. */
    public static SegmentationAlgorithm.Type editType(String name) {
        return switch (name) {
            case "semiautomatic" -> SegmentationAlgorithm.Type.SEMIAUTOMATIC;
            case "manual" -> SegmentationAlgorithm.Type.MANUAL;
            default -> throw new IllegalArgumentException("type: semiautomatic or manual, not " + name);
        };
    }

    /**
     * Burns the ROIs into labels on {@code source}'s grid and writes {@code <stem>-<type>-seg.dcm}
     * (and {@code -rtstruct.dcm}) into {@code folder}; returns the files written. Only the
     * classes some ROI covers become segments. Earlier files are never replaced.
     */
    public static List<Path> write(Volume source, List<Roi> rois, String stem, Path folder, Request r)
            throws IOException {
        if (rois.isEmpty()) throw new IllegalArgumentException("no ROIs to save");
        if (source.slices().isEmpty()) {
            throw new IllegalArgumentException("a DICOM SEG references the series the ROIs outline: " + stem + " has no "
                    + "DICOM source (open it from DICOM, in Fiji with Open DICOM Series..., and keep its grid)");
        }
        LabelVolume labels = presentOnly(RoiLabels.fromRois(rois, source.geometry(), r.classes()));
        SegmentationAlgorithm algo = algorithm(r);
        Files.createDirectories(folder);
        String base = stem.replaceAll("[^A-Za-z0-9._-]+", "_") + "-" + r.type().name().toLowerCase(java.util.Locale.ROOT);
        List<Path> written = new ArrayList<>();
        Path seg = fresh(folder, base + "-seg.dcm");
        SegWriter.write(labels, source, algo, SegWriter.Target.fresh(SERIES_NUMBER, r.seriesDescription()), seg);
        written.add(seg);
        if (r.rtstruct()) {
            Path rt = fresh(folder, base + "-rtstruct.dcm");
            RtStructWriter.write(source, LabelContours.of(labels), algo, rt);
            written.add(rt);
        }
        return written;
    }

    /** Only the classes some ROI covers become segments, as a user who outlined two organs expects. */
    static LabelVolume presentOnly(LabelVolume labels) {
        long[] h = labels.histogram();
        List<SegmentClass> present = labels.classes().stream().filter(c -> h[c.label()] > 0).toList();
        if (present.isEmpty()) throw new IllegalArgumentException("the ROIs cover no voxel of the image");
        return new LabelVolume(labels.labels(), labels.geometry(), present);
    }

    /**
     * SEMIAUTOMATIC names Atrous as the algorithm a person corrected; MANUAL names no algorithm.
     * The description says where the outlines and the classes came from.
     */
    static SegmentationAlgorithm algorithm(Request r) {
        boolean manual = r.type() == SegmentationAlgorithm.Type.MANUAL;
        return new SegmentationAlgorithm(r.type(), manual ? "" : "Atrous", manual ? "" : Models.ATROUS_VERSION,
                (manual ? "drawn in ImageJ" : "corrected in ImageJ") + ", classes of " + r.classesFrom(), r.creator());
    }

    /** {@code name} in the folder, or name-2, -3... when taken: an earlier save is never replaced. */
    static Path fresh(Path folder, String name) {
        Path p = folder.resolve(name);
        String base = name.replaceFirst("\\.dcm$", "");
        for (int i = 2; Files.exists(p); i++) p = folder.resolve(base + "-" + i + ".dcm");
        return p;
    }
}
