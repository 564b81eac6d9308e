package org.atrous.ij;

import java.awt.image.IndexColorModel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import ij.process.LUT;
import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegmentClass;
import org.atrous.roi.ClassMeasurement;
import org.atrous.roi.ComponentMeasurement;
import org.atrous.roi.LabelRois;

/**
 * A segmentation as ImageJ's own objects: overlay ROIs, a label image with the model's colours,
 * a results table. Builds them only; showing them is the command's business.
 */
final class ResultObjects {

    /** ROI property marking ROIs we made, so a new run replaces them and nothing else. */
    static final String CLASS_PROPERTY = "atrous.class";

    private ResultObjects() { }

    /** One ROI per component per class per slice, for the shown classes only. */
    static List<Roi> rois(LabelVolume labels, List<SegmentClass> shown, boolean filled) {
        List<Roi> rois = LabelRois.toRois(new LabelVolume(labels.labels(), labels.geometry(), shown), filled);
        for (Roi r : rois) r.setProperty(CLASS_PROPERTY, r.getName().substring(0, r.getName().lastIndexOf(" #")));
        return rois;
    }

    /** The image's overlay without our previous ROIs, plus the new ones. */
    static Overlay overlay(Overlay existing, List<Roi> rois) {
        Overlay o = new Overlay();
        if (existing != null) {
            for (Roi r : existing.toArray()) if (r.getProperty(CLASS_PROPERTY) == null) o.add(r);
        }
        for (Roi r : rois) o.add(r);
        return o;
    }

    /** Labels as an 8-bit stack, calibrated like the image, coloured from the class table. */
    static ImagePlus labelImage(LabelVolume labels, List<SegmentClass> shown, ImagePlus like) {
        Geometry g = labels.geometry();
        int size = g.nx() * g.ny();
        boolean[] keep = new boolean[256];
        for (SegmentClass c : shown) keep[c.label()] = true;
        ImageStack stack = new ImageStack(g.nx(), g.ny());
        for (int z = 0; z < g.nz(); z++) {
            byte[] px = new byte[size];
            for (int i = 0; i < size; i++) {
                int l = labels.labels()[z * size + i] & 0xff;
                if (keep[l]) px[i] = (byte) l;
            }
            stack.addSlice("z" + (z + 1), new ByteProcessor(g.nx(), g.ny(), px));
        }
        ImagePlus imp = new ImagePlus(like.getTitle() + "-labels", stack);
        imp.setCalibration(like.getCalibration().copy());
        imp.setLut(lut(labels.classes()));
        imp.setDisplayRange(0, 255);
        return imp;
    }

    static LUT lut(List<SegmentClass> classes) {
        byte[] r = new byte[256], g = new byte[256], b = new byte[256];
        for (SegmentClass c : classes) {
            r[c.label()] = (byte) c.rgb()[0];
            g[c.label()] = (byte) c.rgb()[1];
            b[c.label()] = (byte) c.rgb()[2];
        }
        return new LUT(new IndexColorModel(8, 256, r, g, b), 0, 255);
    }

    /** Title of the components table, one row per lesion or other connected component. */
    static final String COMPONENTS_TABLE = "Atrous Components";

    /**
     * Adds one row per component of a shown class of {@code image}, replacing the rows an earlier
     * run wrote for the same image; other images' rows stay.
     */
    static void fillComponents(ResultsTable rt, String image, List<ComponentMeasurement> rows, List<SegmentClass> shown) {
        if (rt.columnExists("Image")) {
            for (int row = rt.size() - 1; row >= 0; row--) {
                if (image.equals(rt.getStringValue("Image", row))) rt.deleteRow(row);
            }
        }
        for (ComponentMeasurement m : shownOnly(rows, shown)) {
            rt.incrementCounter();
            rt.addValue("Image", image);
            rt.addValue("Class", m.name());
            rt.addValue("Component", m.index());
            rt.addValue("Volume (mL)", m.volumeMl());
            rt.addValue("Longest diameter (mm)", m.longestDiameterMm());
            rt.addValue("Short axis (mm)", m.shortAxisMm());
            rt.addValue("Diameter slice", m.diameterSlice());
            rt.addValue("Mean", m.meanValue());
            rt.addValue("SD", m.sdValue());
            rt.addValue("Centroid X (mm)", m.centroidX());
            rt.addValue("Centroid Y (mm)", m.centroidY());
            rt.addValue("Centroid Z (mm)", m.centroidZ());
            rt.addValue("First slice", m.firstSlice());
            rt.addValue("Last slice", m.lastSlice());
            rt.addValue("Mean probability", m.meanProbability());
        }
        if (rt.columnExists("Volume (mL)")) rt.setDecimalPlaces(rt.getColumnIndex("Volume (mL)"), 3);
    }

    static List<ComponentMeasurement> shownOnly(List<ComponentMeasurement> rows, List<SegmentClass> shown) {
        return rows.stream().filter(m -> shown.stream().anyMatch(c -> c.label() == m.label())).toList();
    }

    /**
     * Adds one row per shown class of {@code image} to {@code rt}, as Analyze > Measure adds to
     * what is there: rows of other images (or the user's own) stay, rows an earlier run wrote
     * for the same image are replaced.
     */
    static void fill(ResultsTable rt, String image, List<ClassMeasurement> measurements, List<SegmentClass> shown) {
        if (rt.columnExists("Image") && rt.columnExists("Class")) {
            Set<String> ours = new HashSet<>();
            for (ClassMeasurement m : measurements) ours.add(m.name());
            for (int row = rt.size() - 1; row >= 0; row--) {
                if (image.equals(rt.getStringValue("Image", row)) && ours.contains(rt.getStringValue("Class", row))) {
                    rt.deleteRow(row);
                }
            }
        }
        for (ClassMeasurement m : measurements) {
            if (shown.stream().noneMatch(c -> c.label() == m.label())) continue;
            rt.incrementCounter();
            rt.addValue("Image", image);
            rt.addValue("Class", m.name());
            rt.addValue("Label", m.label());
            rt.addValue("Volume (mL)", m.volumeMl());
            rt.addValue("Components", m.components());
            rt.addValue("Largest diameter (mm)", m.largestDiameterMm());
            rt.addValue("Mean", m.meanValue());
            rt.addValue("SD", m.sdValue());
            rt.addValue("First slice", m.firstSlice());
            rt.addValue("Last slice", m.lastSlice());
        }
        rt.setDecimalPlaces(rt.getColumnIndex("Volume (mL)"), 3);
    }
}
