package org.atrous.ij;

import java.util.ArrayList;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;

/**
 * The ROI Manager's ROIs that belong to one image. The manager is shared by every open image:
 * a ROI added from another image's selection carries that image's ID and would otherwise be
 * read on this image's grid (saved into its SEG, or trained on as its labels). ROIs whose image
 * is unknown (ID 0: opened from a zip, added by a plugin) are kept, as ImageJ's own commands do.
 */
final class ManagerRois {

    private ManagerRois() {
    }

    /** The manager's ROIs of {@code imp}; logs how many of other images were left out. */
    static List<Roi> of(ImagePlus imp, RoiManager rm, String command) {
        if (rm == null) return List.of();
        List<Roi> all = List.of(rm.getRoisAsArray());
        List<Roi> mine = ofImage(imp, all);
        int others = all.size() - mine.size();
        if (others > 0 && mine.isEmpty()) {
            throw new IllegalArgumentException("the ROI Manager's " + others + " ROIs were drawn on other images, none on "
                    + imp.getTitle() + ": select that image, or use its overlay");
        }
        if (others > 0) IJ.log(command + ": left out " + others + " ROI Manager ROIs drawn on other images than " + imp.getTitle());
        return mine;
    }

    /** The ROIs drawn on {@code imp} or on no known image. */
    static List<Roi> ofImage(ImagePlus imp, List<Roi> rois) {
        List<Roi> mine = new ArrayList<>();
        for (Roi r : rois) if (r.getImageID() == 0 || r.getImageID() == imp.getID()) mine.add(r);
        return mine;
    }
}
