package org.atrous.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.NiftiReader;
import org.atrous.dicom.NiftiToDicom;
import org.atrous.dicom.Volume;
import org.atrous.progress.ProgressListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code atrous convert nifti}: a NIfTI image and its labels as a DICOM series plus SEG. */
@Command(name = "convert", mixinStandardHelpOptions = true, description = "Converts other formats to DICOM.",
        subcommands = {ConvertCommand.Nifti.class})
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
}
