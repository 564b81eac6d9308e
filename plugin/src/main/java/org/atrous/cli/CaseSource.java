package org.atrous.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.atrous.dicom.RtStructReader;
import org.atrous.dicom.SegmentClass;
import org.atrous.model.train.TrainingCase;
import org.atrous.phantom.PhantomOptions;
import org.atrous.pipeline.DicomCases;
import org.atrous.pipeline.TrainingSets;
import org.atrous.progress.ProgressListener;
import picocli.CommandLine.Option;

/** Where annotated cases come from, shared by {@code train} and {@code evaluate}: exactly one source. */
final class CaseSource {
    @Option(names = "--phantoms", description = "this many generated abdominal CT phantoms") Integer phantoms;
    @Option(names = "--dicom", description = "folder of case folders, each a DICOM series plus seg.dcm or an RT "
            + "Structure Set (--class-names picks its ROIs)") Path dicom;
    @Option(names = "--archive", description = "an archive (folders of any depth and zips, as batch reads it): each SEG "
            + "or RT Structure Set in it is a case, on the series it references") Path archive;
    @Option(names = "--images", description = "folder of NIfTI images, or NRRD volumes as 3D Slicer saves them "
            + "(with --labels)") Path images;
    @Option(names = "--imagej", description = "an ImageJ TIFF stack, or a folder of them, whose ROIs (overlay or "
            + "NAME.zip ROI set beside it) are named by class") Path imagej;

    /**
     * The cases; phantoms are made as {@code phantom} says (its seed ignored) from seed
     * {@code seed} on; NIfTI label values and ImageJ ROI names are resolved by {@code classes},
     * or by {@code classNames} (labels 1..n) when that is null.
     */
    List<TrainingCase> load(PhantomOptions phantom, long seed, Path labels, List<String> classNames,
                            List<SegmentClass> classes, ProgressListener l) throws IOException {
        if (phantoms != null) return TrainingSets.phantoms(phantom, seed, phantoms, l);
        if (dicom != null || archive != null) RtStructReader.checkClassNames(classNames);
        if (dicom != null) return DicomCases.folders(dicom, classNames, l);
        if (archive != null) return DicomCases.archive(archive, classNames, l);
        if (imagej != null) {
            return TrainingSets.imagejStacks(imagej, classes != null ? classes : TrainingSets.classesNamed(classNames), l);
        }
        return classes != null ? TrainingSets.nifti(images, labels, classes, l)
                : TrainingSets.nifti(images, labels, TrainingSets.classesNamed(classNames), l);
    }

    String describe() {
        return phantoms != null ? phantoms + " phantoms" : dicom != null ? dicom.toString()
                : archive != null ? archive.toString()
                : imagej != null ? imagej.toString() : images.toString();
    }
}
