package org.atrous.ij;

import ij.IJ;
import ij.plugin.PlugIn;

/** Plugins › Atrous › About Atrous. */
public final class AboutAtrous implements PlugIn {

    static final String TEXT = "Atrous 0.1.0: DICOM segmentation with DeepLab (atrous convolution, ASPP)\n"
            + "and a dense CRF in 2D or 3D, for ImageJ/Fiji and headless batch runs.\n"
            + "Reads DICOM with PixelMed; networks run on DL4J/ND4J (CPU).\n"
            + "Results: overlays, ROI Manager, label images, Results table, DICOM SEG.\n"
            + "Models: Plugins > Atrous > Model Zoo...";

    @Override
    public void run(String arg) {
        if (Gui.noWindows()) IJ.log(TEXT);
        else IJ.showMessage("About Atrous", TEXT);
    }
}
