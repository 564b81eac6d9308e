package org.atrous.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.NiftiReader;
import org.atrous.dicom.NiftiToDicom;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.SegmentationAlgorithm;
import org.atrous.dicom.SeriesPart;
import org.atrous.dicom.SeriesReader;
import org.atrous.dicom.Volume;
import org.atrous.pipeline.Models;
import org.atrous.pipeline.RoiExport;
import org.atrous.pipeline.LabelConversion;
import org.atrous.dicom.LabelMaps;
import org.atrous.progress.ProgressListener;
import org.atrous.roi.RoiZip;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code atrous convert nifti}: a NIfTI image and its labels as a DICOM series plus SEG;
 * {@code atrous convert rois}: ImageJ ROIs (corrected or drawn) as a SEG on their DICOM series;
 * {@code atrous convert rtstruct}: an RT Structure Set as NIfTI labels and a SEG;
 * {@code atrous convert labels}: a label map (NRRD, NIfTI) on its DICOM series as a SEG.
 */
@Command(name = "convert", mixinStandardHelpOptions = true, description = "Converts other formats to DICOM.",
        subcommands = {ConvertCommand.Nifti.class, ConvertCommand.Rois.class, ConvertCommand.Rtstruct.class,
                ConvertCommand.Labels.class})
public final class ConvertCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "nifti", mixinStandardHelpOptions = true,
            description = {"Writes OUT/image/IMG*.dcm (MR Image Storage) and OUT/seg.dcm (labels as DICOM SEG)",
                    "with the same geometry; the MSD Task04 Hippocampus attribution goes into Image Comments",
                    "and Series Description."})
    public static final class Nifti implements Callable<Integer> {
        @Option(names = "--image", required = true, description = "NIfTI image (.nii or .nii.gz)") Path image;
        @Option(names = "--labels", required = true, description = "NIfTI label map on the same grid") Path labels;
        @Option(names = "--out", required = true, description = "output folder (must not exist unless --force)") Path out;
        @Option(names = "--case", description = "case name for patient ID and UIDs (default: image file name)") String caseName;
        @Option(names = "--force", description = "replace an existing output folder") boolean force;

        @Override
        public Integer call() {
            try {
                for (Path p : new Path[] {image, labels}) {
                    if (!Files.isRegularFile(p)) throw new IllegalArgumentException("no such file: " + p);
                }
                String name = caseName != null ? caseName : image.getFileName().toString().replaceAll("\\.nii(\\.gz)?$", "");
                NiftiToDicom.Dataset d = NiftiToDicom.Dataset.hippocampus(name);
                Volume img = NiftiReader.read(image);
                LabelVolume lab = NiftiReader.readLabels(labels, d.classes());
                try (OutputFolder folder = OutputFolder.open(out, force)) {
                    NiftiToDicom.convert(img, lab, d, folder.path(), ProgressListener.NONE);
                    folder.commit();
                }
                System.out.println(name + " converted to " + out);
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println("atrous convert nifti: " + e.getMessage());
                return 2;
            } catch (IOException e) {
                System.err.println("atrous convert nifti: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "rois", mixinStandardHelpOptions = true,
            description = {"Writes ROIs corrected or drawn in ImageJ (a ROI Manager zip, each ROI named by its class:",
                    "'liver', 'liver tumour #2 z14') as a DICOM SEG, and with --rtstruct an RT Structure Set, on the",
                    "DICOM series they outline, for the PACS. Only the classes some ROI covers become segments;",
                    "files already in the output folder are never replaced (a second save gets -2).",
                    "Exit 0 written, 1 unreadable input, 2 usage error or a ROI that names no class of the model."})
    public static final class Rois implements Callable<Integer> {
        @Option(names = "--input", required = true, description = "the DICOM series (folder or file) the ROIs outline") Path input;
        @Option(names = "--rois", required = true, description = "ImageJ ROI set (.zip, as the ROI Manager saves it)") Path rois;
        @Option(names = "--out", required = true, description = "output folder (created if missing)") Path out;
        @Option(names = "--model", defaultValue = "ct-abdomen", description = "model id or card whose classes the ROIs "
                + "name, for their codes and colours (default ${DEFAULT-VALUE})") String model;
        @Option(names = "--type", defaultValue = "semiautomatic", description = "semiautomatic (corrected model "
                + "output) or manual (drawn without a model); default ${DEFAULT-VALUE}") String type;
        @Option(names = "--creator", defaultValue = "", description = "the person, as a DICOM name: Family^Given") String creator;
        @Option(names = "--series-description", defaultValue = "Atrous segmentation, corrected") String description;
        @CommandLine.Mixin SeriesUidOption series = new SeriesUidOption();
        @Option(names = "--rtstruct", description = "also write an RT Structure Set") boolean rtstruct;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try {
                if (!Files.exists(input)) throw new IllegalArgumentException("no such series: " + input);
                if (!Files.isRegularFile(rois)) throw new IllegalArgumentException("no such ROI set: " + rois);
                SegmentationAlgorithm.Type t = RoiExport.editType(type);
                List<SegmentClass> classes = modelClasses(model);
                SeriesPart part = series.choose(new SeriesReader().read(input, ProgressListener.NONE).parts(), input);
                RoiExport.Request r = new RoiExport.Request(classes, "model " + model, t, creator, description, rtstruct);
                for (Path p : RoiExport.write(part.volume(), RoiZip.read(rois), part.name(), out, r)) {
                    spec.commandLine().getOut().println("written " + p);
                }
                spec.commandLine().getOut().flush();
                return 0;
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("atrous convert rois: " + e.getMessage());
                return 2;
            } catch (IOException e) {
                spec.commandLine().getErr().println("atrous convert rois: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "rtstruct", mixinStandardHelpOptions = true,
            description = {"Fills an RT Structure Set's contours onto the DICOM series they outline and",
                    "writes OUT/labels.nii.gz (values 1..n), OUT/classes.csv (label,name) and",
                    "OUT/seg.dcm, a DICOM SEG: each ROI converted must name a class of --model,",
                    "whose codes and colours it takes. Exit 0 written, 1 unreadable input, 2",
                    "usage error or a ROI that names no model class."})
    public static final class Rtstruct implements Callable<Integer> {
        @Option(names = "--input", required = true, description = "the DICOM series (folder or file) the contours outline") Path input;
        @Option(names = "--rtstruct", required = true, description = "the RT Structure Set") Path rtstruct;
        @Option(names = "--out", required = true, description = "output folder (must not exist unless --force)") Path out;
        @Option(names = "--class-names", split = ",", paramLabel = "ROI[=CLASS]", description = "the ROIs to convert, "
                + "by name (case, spaces and underscores aside), in label order, each ROI=CLASS where the class is "
                + "named otherwise, e.g. Kidney_R=right kidney (default: all but point ROIs)") List<String> classNames;
        @Option(names = "--model", defaultValue = "ct-abdomen", description = "model id or card whose classes the ROIs "
                + "name, for the SEG's codes (default ${DEFAULT-VALUE})") String model;
        @Option(names = "--nifti-only", description = "write the NIfTI labels and class table only, no SEG") boolean niftiOnly;
        @Option(names = "--force", description = "replace an existing output folder") boolean force;
        @CommandLine.Mixin SeriesUidOption series = new SeriesUidOption();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return convertInto(spec, "rtstruct", out, force, input, rtstruct, series, (part, folder) ->
                    LabelConversion.convert(part.volume(), rtstruct, classNames, niftiOnly ? null : modelClasses(model),
                            "model " + model, folder));
        }
    }

    @Command(name = "labels", mixinStandardHelpOptions = true,
            description = {"Puts a label map made outside DICOM (NRRD as 3D Slicer or dcmqi save it, a Slicer",
                    ".seg.nrrd, NIfTI) on the DICOM series it labels and writes OUT/labels.nii.gz, OUT/classes.csv",
                    "and OUT/seg.dcm, a DICOM SEG referencing the series, as dcmqi's itkimage2segimage does:",
                    "each class converted must name a class of --model, whose codes and colours it takes. A map on",
                    "the series' voxels (or a crop, or flipped axes) is copied, one on another grid resampled. Exit 0",
                    "written, 1 unreadable input, 2 usage error or a class that names no model class."})
    public static final class Labels implements Callable<Integer> {
        @Option(names = "--input", required = true, description = "the DICOM series (folder or file) the map labels") Path input;
        @Option(names = "--labels", required = true, description = "the label map (.nrrd, .seg.nrrd, .nhdr, .nii, .nii.gz)")
        Path labels;
        @Option(names = "--out", required = true, description = "output folder (must not exist unless --force)") Path out;
        @Option(names = "--class-names", split = ",", paramLabel = "[N=]NAME", description = "names of the map's values 1, "
                + "2, ... in order, or N=NAME for value N (default: a .seg.nrrd's segment names, else a classes.csv "
                + "beside the map, else 'label N')")
        List<String> classNames;
        @Option(names = "--model", defaultValue = "ct-abdomen", description = "model id or card whose classes the "
                + "map's classes name, for the SEG's codes (default ${DEFAULT-VALUE})") String model;
        @Option(names = "--type", defaultValue = "manual", description = "how the map was made, for the SEG: manual "
                + "or semiautomatic (default ${DEFAULT-VALUE})") String type;
        @Option(names = "--nifti-only", description = "write the NIfTI labels and class table only, no SEG") boolean niftiOnly;
        @Option(names = "--force", description = "replace an existing output folder") boolean force;
        @CommandLine.Mixin SeriesUidOption series = new SeriesUidOption();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (Files.isRegularFile(labels) && !LabelMaps.isLabelMap(labels)) {
                spec.commandLine().getErr().println("atrous convert labels: " + labels + " is neither NRRD nor NIfTI "
                        + "(.nii, .nii.gz)");
                return 2;
            }
            return convertInto(spec, "labels", out, force, input, labels, series, (part, folder) ->
                    LabelConversion.convertLabelMap(part.volume(), labels, classNames, RoiExport.editType(type),
                            niftiOnly ? null : modelClasses(model), "model " + model, folder));
        }
    }

    /** A conversion of labels on a series into a folder: what it wrote and what it left out. */
    @FunctionalInterface
    private interface Conversion {
        LabelConversion.Result run(SeriesPart series, Path folder) throws IOException;
    }

    /**
     * Reads the series, runs a conversion into OUT through a temporary folder renamed when
     * complete, and reports it: exit 0 written, 1 unreadable input, 2 usage error.
     */
    private static int convertInto(CommandLine.Model.CommandSpec spec, String name, Path out, boolean force, Path input,
                                   Path labels, SeriesUidOption series, Conversion c) {
        String prefix = "atrous convert " + name + ": ";
        try {
            if (!Files.exists(input)) throw new IllegalArgumentException("no such series: " + input);
            if (!Files.isRegularFile(labels)) throw new IllegalArgumentException("no such file: " + labels);
            SeriesPart part = series.choose(new SeriesReader().read(input, ProgressListener.NONE).parts(), input);
            LabelConversion.Result r;
            try (OutputFolder folder = OutputFolder.open(out, force)) {
                r = c.run(part, folder.path());
                folder.commit();
            }
            r.warnings().forEach(w -> spec.commandLine().getErr().println(prefix + w));
            for (Path p : r.written()) spec.commandLine().getOut().println("written " + out.resolve(p.getFileName()));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(prefix + e.getMessage());
            return 2;
        } catch (IOException e) {
            spec.commandLine().getErr().println(prefix + e.getMessage());
            return 1;
        }
    }

    /** A model's classes; an unknown model is a usage error, as in the other commands. */
    static List<SegmentClass> modelClasses(String model) {
        try {
            return Models.card(model).classes();
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
