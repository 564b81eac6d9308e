package org.atrous.ij;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.gui.Roi;
import ij.plugin.PlugIn;
import ij.plugin.frame.RoiManager;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.LabelMaps;
import org.atrous.dicom.RtStructReader;
import org.atrous.dicom.SegReader;
import org.atrous.dicom.Volume;
import org.atrous.progress.ProgressListener;

/**
 * Plugins › Atrous › Open DICOM SEG...: a DICOM Segmentation (from a batch run, from the PACS,
 * from another tool), an RT Structure Set (a planning system's contours) or a label map on the
 * series' voxels (3D Slicer's NRRD, NIfTI) shown on the series it segments, the current image, as overlay ROIs named
 * by segment ({@code <segment> #<component> z<slice>}) and optionally in the ROI Manager, so a
 * reader can correct it and send it back with Save Segmentation as DICOM.
 */
public final class OpenDicomSeg implements PlugIn {

    /** Image property: the Segment Algorithm Type of the SEG opened on it. */
    static final String OPENED_TYPE = "atrous.segType";

    record Settings(String seg, boolean filled, boolean roiManager) {
        Settings {
            if (seg == null || seg.isBlank()) throw new IllegalArgumentException("give the SEG file (seg=...)");
        }

        /** A macro's options without a dialog: {@code seg=[/data/seg.dcm] overlay=outlined add}. */
        static Settings parse(String options) {
            String overlay = Macro.getValue(options, "overlay", "outlined");
            if (!List.of("filled", "outlined").contains(overlay)) {
                throw new IllegalArgumentException("overlay: filled or outlined, not " + overlay);
            }
            return new Settings(Macro.getValue(options, "seg", ""), overlay.equals("filled"),
                    BatchSegmentFolder.flag(options, "add"));
        }
    }

    @Override
    public void run(String arg) {
        try (PluginClassLoading ignored = PluginClassLoading.enter()) {
            ImagePlus imp = WindowManager.getCurrentImage();
            if (imp == null) throw new IllegalArgumentException("no image open: open the series the SEG segments first");
            String options = Macro.getOptions();
            Settings s = options != null && Gui.headless() ? Settings.parse(options) : ask();
            if (s == null) return;
            List<Roi> rois = open(imp, s);
            IJ.log("Open DICOM SEG: " + rois.size() + " ROIs from " + s.seg());
        } catch (IOException | RuntimeException e) {
            Gui.error("Open DICOM SEG", e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static Settings ask() {
        GenericDialog gd = new GenericDialog("Open DICOM SEG");
        gd.addFileField("SEG file (or RT Structure Set, or label map: NRRD, NIfTI)", "", 40);
        gd.addChoice("Overlay", new String[] {"outlined", "filled"}, "outlined");
        gd.addCheckbox("Add ROIs to the ROI Manager", true);
        gd.showDialog();
        if (gd.wasCanceled()) return null;
        return new Settings(gd.getNextString().trim(), gd.getNextChoice().equals("filled"), gd.getNextBoolean());
    }

    /** Reads the SEG onto the image's series and shows its segments; returns the ROIs. */
    static List<Roi> open(ImagePlus imp, Settings s) throws IOException {
        Volume v = SourceSeries.of(imp, ProgressListener.NONE);
        if (v.slices().isEmpty()) {
            throw new IllegalArgumentException("a SEG is read onto the series it segments: open that series with "
                    + "Open DICOM Series... first (" + imp.getTitle() + " has no DICOM source)");
        }
        Path seg = Path.of(s.seg());
        LabelVolume labels;
        String type;
        if (LabelMaps.isLabelMap(seg)) {
            // a segmentation made in 3D Slicer (NRRD) or a NIfTI pipeline, on this series' voxels
            labels = LabelMaps.read(seg, v.geometry(), null, w -> IJ.log("Open DICOM SEG: " + seg.getFileName() + ": " + w));
            type = "";
        } else if (RtStructReader.isRtStruct(seg)) {
            // a planning system's contours open the same way, to be corrected and saved as a SEG
            RtStructReader.Rasterized rt = RtStructReader.read(seg, v, null);
            rt.warnings().forEach(w -> IJ.log("Open DICOM SEG: " + seg.getFileName() + ": " + w));
            labels = rt.labels();
            type = rt.structureSet().generationAlgorithm();
        } else {
            labels = SegReader.read(seg, v, w -> IJ.log("Open DICOM SEG: " + seg.getFileName() + ": " + w));
            type = SegReader.algorithmType(seg);
        }
        List<Roi> rois = ResultObjects.rois(labels, labels.classes(), s.filled());
        if (rois.isEmpty()) throw new IllegalArgumentException(seg + " marks no voxel of " + imp.getTitle());
        imp.setOverlay(ResultObjects.overlay(imp.getOverlay(), rois));
        imp.setProp(OPENED_TYPE, type);
        if (s.roiManager()) {
            RoiManager rm = Gui.roiManager(true);
            if (rm == null) IJ.log("Open DICOM SEG: headless, ROIs not added to the ROI Manager (they are on the overlay)");
            else for (Roi r : rois) rm.add(imp, (Roi) r.clone(), -1);
        }
        return rois;
    }
}
