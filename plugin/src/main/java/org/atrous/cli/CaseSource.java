package org.atrous.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.atrous.dicom.SegmentClass;
import org.atrous.model.train.TrainingCase;
import org.atrous.phantom.PhantomOptions;
import org.atrous.pipeline.TrainingSets;
import org.atrous.progress.ProgressListener;
import picocli.CommandLine.Option;

/** Where annotated cases come from, shared by {@code train} and {@code evaluate}: exactly one source. */
final class CaseSource {
    @Option(names = "--phantoms", description = "this many generated abdominal CT phantoms") Integer phantoms;
    @Option(names = "--dicom", description = "folder of case folders, each a DICOM series plus seg.dcm") Path dicom;
    @Option(names = "--images", description = "folder of NIfTI images (with --labels)") Path images;

    /** The cases; phantoms start at {@code seed}, NIfTI label values are named by {@code classNames}. */
    List<TrainingCase> load(long seed, int size, int slices, Path labels, List<String> classNames,
                            List<SegmentClass> classes, ProgressListener l) throws IOException {
        if (phantoms != null) {
            return TrainingSets.phantoms(new PhantomOptions(0, size, slices, 0, 5, 5, -1, 15, false), seed, phantoms, l);
        }
        if (dicom != null) return TrainingSets.dicomWithSeg(dicom, l);
        return classes != null ? TrainingSets.nifti(images, labels, classes, l)
                : TrainingSets.nifti(images, labels, TrainingSets.classesNamed(classNames), l);
    }

    String describe() {
        return phantoms != null ? phantoms + " phantoms" : dicom != null ? dicom.toString() : images.toString();
    }
}
