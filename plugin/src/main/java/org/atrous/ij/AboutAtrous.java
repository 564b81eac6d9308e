package org.atrous.ij;

import java.nio.file.Path;

import ij.IJ;
import ij.plugin.PlugIn;
import org.atrous.install.Diagnosis;

/**
 * Plugins › Atrous › About Atrous: what Atrous is, and a check of this Fiji (Java and memory,
 * ND4J's native code, the models found, libraries present in two versions) in the Log, so a
 * failing installation says why.
 */
public final class AboutAtrous implements PlugIn {

    static final String TEXT = "Atrous 0.1.0: DICOM segmentation with DeepLab (atrous convolution, ASPP)\n"
            + "and a dense CRF in 2D or 3D, for ImageJ/Fiji and headless batch runs.\n"
            + "Reads DICOM with PixelMed; networks run on DL4J/ND4J (CPU).\n"
            + "Results: overlays, ROI Manager, label images, Results table, DICOM SEG.\n"
            + "Models: Plugins > Atrous > Model Zoo...";

    @Override
    public void run(String arg) {
        IJ.log("About Atrous: checking this installation");
        for (String line : check().lines()) IJ.log("  " + line);
        if (Gui.noWindows()) IJ.log(TEXT);
        else IJ.showMessage("About Atrous", TEXT + "\n \nThe Log window has a check of this installation.");
    }

    /** The installation check, with Fiji's own folder when it has a jars/ folder (plain ImageJ has none). */
    static Diagnosis check() {
        String ij = IJ.getDirectory("imagej");
        Path fiji = ij == null || !java.nio.file.Files.isDirectory(Path.of(ij, "jars")) ? null : Path.of(ij);
        return Diagnosis.run(AtrousZoo.open(), fiji);
    }
}
