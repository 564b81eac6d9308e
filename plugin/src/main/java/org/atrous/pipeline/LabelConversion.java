package org.atrous.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.atrous.dicom.LabelMaps;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.NiftiWriter;
import org.atrous.dicom.RtStructReader;
import org.atrous.dicom.SegWriter;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.SegmentationAlgorithm;
import org.atrous.dicom.Volume;

/**
 * An RT Structure Set's contours, or a label map made outside DICOM (NRRD, NIfTI), as labels the
 * rest of the field reads: a NIfTI label map with its class table (for nnU-Net, MONAI,
 * TotalSegmentator-style pipelines) and a DICOM SEG (for a PACS and for AI results viewers). A
 * SEG needs coded classes, which RT ROIs and label maps lack, so each class converted to it must
 * name a class of the model given, whose codes and colours it takes.
 */
public final class LabelConversion {

    /** Series number of the SEG, beside Atrous's own 900-902. */
    static final int SERIES_NUMBER = 903;

    /** The files written and what the reader left out (one line each). */
    public record Result(List<Path> written, List<String> warnings) { }

    private LabelConversion() { }

    /**
     * Reads {@code rtstruct} onto {@code source} ({@code roiNames} picks and orders the ROIs,
     * null: all) and writes into {@code folder} {@code labels.nii.gz} with {@code classes.csv},
     * and with {@code modelClasses} (null: none) {@code seg.dcm}. ROIs that match no model class
     * are refused before anything is written, naming them.
     */
    public static Result convert(Volume source, Path rtstruct, List<String> roiNames, List<SegmentClass> modelClasses,
                                 String modelName, Path folder) throws IOException {
        RtStructReader.Rasterized r = RtStructReader.read(rtstruct, source, roiNames);
        List<Path> written = write(source, r.labels(), modelClasses, modelName, algorithm(r.structureSet(), rtstruct,
                modelName), "from RT Structure Set", "ROI(s)", folder);
        return new Result(written, r.warnings());
    }

    /**
     * A label map made outside DICOM (NRRD, NIfTI: {@link LabelMaps}, its values named by
     * {@code names}, null: as the file says) on {@code source}, written as above: what dcmqi's
     * itkimage2segimage does, the codes taken from the model's classes.
     */
    public static Result convertLabelMap(Volume source, Path labelMap, List<String> names, SegmentationAlgorithm.Type type,
                                         List<SegmentClass> modelClasses, String modelName, Path folder) throws IOException {
        List<String> warnings = new ArrayList<>();
        LabelVolume labels = LabelMaps.read(labelMap, source.geometry(), names, warnings::add);
        boolean manual = type == SegmentationAlgorithm.Type.MANUAL;
        SegmentationAlgorithm algo = new SegmentationAlgorithm(type, manual ? "" : "label map", "",
                "converted from the label map " + labelMap.getFileName() + ", classes of " + modelName, "");
        return new Result(write(source, labels, modelClasses, modelName, algo, "from label map", "class(es)", folder),
                warnings);
    }

    /** labels.nii.gz and classes.csv, and with {@code modelClasses} seg.dcm; unmatched classes refused first. */
    private static List<Path> write(Volume source, LabelVolume labels, List<SegmentClass> modelClasses, String modelName,
                                    SegmentationAlgorithm algo, String seriesDescription, String what, Path folder)
            throws IOException {
        LabelVolume seg = modelClasses == null ? null : inModelClasses(labels, modelClasses, modelName, what);
        List<Path> written = new ArrayList<>();
        Path nifti = folder.resolve("labels.nii.gz"), table = folder.resolve(LabelMaps.CLASS_TABLE);
        NiftiWriter.writeLabels(labels, nifti);
        Files.writeString(table, classTable(labels), StandardCharsets.UTF_8);
        written.add(nifti);
        written.add(table);
        if (seg != null) {
            Path file = folder.resolve("seg.dcm");
            SegWriter.write(seg, source, algo, SegWriter.Target.fresh(SERIES_NUMBER, seriesDescription), file);
            written.add(file);
        }
        return written;
    }

    /** The labels in the model's classes, only those some contour covers; unmatched ROIs refused. */
    private static LabelVolume inModelClasses(LabelVolume labels, List<SegmentClass> model, String modelName, String what) {
        ReferenceClasses.Matched m = ReferenceClasses.inModelClasses(labels, model);
        if (!m.unmatched().isEmpty()) {
            throw new IllegalArgumentException(what + " " + m.unmatched() + " name no class of " + modelName
                    + " " + model.stream().map(SegmentClass::name).toList() + ": name the ones to convert (--class-names), "
                    + "or write the NIfTI labels only");
        }
        return RoiExport.presentOnly(m.reference());
    }

    /** label,name: the NIfTI map's values, which the file itself cannot name. */
    private static String classTable(LabelVolume labels) {
        StringBuilder sb = new StringBuilder("label,name\n");
        for (SegmentClass c : labels.classes()) {
            sb.append(c.label()).append(',').append('"').append(c.name().replace("\"", "\"\"")).append("\"\n");
        }
        return sb.toString();
    }

    /** How the contours were made, as the structure set says (MANUAL when it says nothing). */
    private static SegmentationAlgorithm algorithm(RtStructReader.StructureSet s, Path rtstruct, String modelName) {
        String said = s.generationAlgorithm();
        SegmentationAlgorithm.Type type = said.equals("AUTOMATIC") ? SegmentationAlgorithm.Type.AUTOMATIC
                : said.equals("SEMIAUTOMATIC") ? SegmentationAlgorithm.Type.SEMIAUTOMATIC : SegmentationAlgorithm.Type.MANUAL;
        boolean manual = type == SegmentationAlgorithm.Type.MANUAL;
        return new SegmentationAlgorithm(type, manual ? "" : "RT Structure Set contours", "",
                "converted from the RT Structure Set " + rtstruct.getFileName() + ", classes of " + modelName, "");
    }
}
