package org.atrous.ij;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import ij.plugin.frame.RoiManager;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegWriter;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.SegmentationAlgorithm;
import org.atrous.dicom.SeriesPart;
import org.atrous.dicom.SeriesReader;
import org.atrous.dicom.Volume;
import org.atrous.model.ModelStore;
import org.atrous.dicom.VoxelBox;
import org.atrous.crf.CrfMode;
import org.atrous.pipeline.Models;
import org.atrous.pipeline.Pipeline;
import org.atrous.pipeline.PipelineOptions;
import org.atrous.pipeline.PipelineResult;
import org.atrous.pipeline.SeriesOutputs;
import org.atrous.pacs.PacsNode;
import org.atrous.pacs.PacsStore;
import org.atrous.progress.ProgressListener;
import org.atrous.roi.ComponentMeasurement;
import org.atrous.roi.LesionSegments;
import org.atrous.roi.MeasurementCsv;
import org.atrous.roi.VolumeImages;

/**
 * Plugins › Atrous › Segment Series...: runs the core pipeline (model, optional CRF,
 * measurements) on the current image or on each series of a DICOM folder, then shows the
 * result as ImageJ objects. Nothing on the image changes until the whole run has finished, so
 * Esc (cancel) leaves it as it was.
 */
public final class SegmentSeries implements PlugIn {

    private static final int BATCH = 8;

    @Override
    public void run(String arg) {
        IjProgress progress = new IjProgress("Segment Series");
        try (PluginClassLoading ignored = PluginClassLoading.enter()) {
            String[] models = AtrousZoo.ids(AtrousZoo.open());
            if (models.length == 0) throw new IllegalArgumentException("no models found in " + AtrousZoo.folders());
            SegmentSettings s = SegmentDialog.ask(models, WindowManager.getCurrentImage() != null);
            if (s == null) return;
            if (s.folder() == null) {
                ImagePlus imp = WindowManager.getCurrentImage();
                if (imp == null) throw new IllegalArgumentException("no image open: open a series or give source=folder");
                segment(imp, s, progress);
            } else {
                segmentFolder(Path.of(s.folder()), s, progress);
            }
            progress.finish("Segment Series: done");
        } catch (ProgressListener.Cancelled e) {
            progress.finish("Segment Series: cancelled, nothing changed");
        } catch (IOException | RuntimeException e) {
            progress.finish("");
            Gui.error("Segment Series", e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (Error e) {
            progress.finish("");
            Gui.error("Segment Series", Gui.backendFailure(e));
        }
    }

    /** Segments {@code imp} and shows the results on it; returns what the pipeline produced. */
    static PipelineResult segment(ImagePlus imp, SegmentSettings s, ProgressListener progress) throws IOException {
        ModelStore.LoadedModel m = Models.load(AtrousZoo.cardPath(AtrousZoo.open(), s.model()));
        List<SegmentClass> shown = s.shown(m.card().classes());
        Volume v = SourceSeries.of(imp, progress);
        CrfMode mode = s.crfMode(m.card());
        Pipeline p = new Pipeline(Models.segmenter(m, BATCH).withRegionZoom(s.regionZoom(m.card())),
                new PipelineOptions(mode, s.crfParams(m.card().crfParams(), mode), BATCH, s.minComponentMl(m.card()),
                        s.largestComponentOnly(m.card()), region(imp, s)));
        PipelineResult r = p.run(v, progress);
        progress.progress("output", 0);
        List<Path> written = show(imp, r, shown, s, algorithm(m, s, mode));
        imp.setProp(SaveSegmentation.MODEL, m.card().id()); // what Save Segmentation as DICOM defaults to
        progress.progress("output", 1);
        store(s.pacs(), written);
        return r;
    }

    /**
     * The block the user chose: the bounding rectangle of the image's area selection and the
     * slice range (ImageJ counts slices from 1); null for the whole image.
     */
    static VoxelBox region(ImagePlus imp, SegmentSettings s) {
        int[] slices = SegmentSettings.sliceRange(s.slices());
        if (!s.selectionOnly() && slices == null) return null;
        int x0 = 0, x1 = imp.getWidth(), y0 = 0, y1 = imp.getHeight();
        if (s.selectionOnly()) {
            Roi roi = imp.getRoi();
            if (roi == null || !roi.isArea()) {
                throw new IllegalArgumentException("Selection only: draw a rectangle (or any area) around the structures"
                        + " on the image first; its bounding rectangle is segmented");
            }
            java.awt.Rectangle r = roi.getBounds();
            x0 = Math.max(0, r.x);
            y0 = Math.max(0, r.y);
            x1 = Math.min(imp.getWidth(), r.x + r.width);
            y1 = Math.min(imp.getHeight(), r.y + r.height);
        }
        int z0 = slices == null ? 0 : slices[0] - 1, z1 = slices == null ? imp.getStackSize() : slices[1];
        if (z1 > imp.getStackSize()) {
            throw new IllegalArgumentException("slices " + s.slices() + ": the image has " + imp.getStackSize());
        }
        return new VoxelBox(x0, x1, y0, y1, z0, z1);
    }

    /** Sends the DICOM outputs, after everything is shown: a PACS that is down costs no result. */
    private static void store(PacsNode pacs, List<Path> written) throws IOException {
        if (pacs == null) return;
        List<PacsStore.Outcome> outcomes = PacsStore.send(pacs, written);
        String summary = PacsStore.summary(pacs, outcomes);
        IJ.log("Segment Series: " + summary);
        if (!outcomes.stream().allMatch(PacsStore.Outcome::stored)) {
            throw new IOException(summary + " (the files are kept in " + written.get(0).getParent()
                    + "; send them later with bin/atrous store)");
        }
    }

    private static void segmentFolder(Path folder, SegmentSettings s, IjProgress progress) throws IOException {
        List<SeriesPart> parts = new SeriesReader().read(folder, progress).parts();
        if (parts.isEmpty()) throw new IllegalArgumentException("no readable image series in " + folder);
        for (SeriesPart part : parts) {
            ImagePlus imp = VolumeImages.toImagePlus(part.volume(), part.volume().identity().seriesDescription().isBlank()
                    ? part.name() : part.volume().identity().seriesDescription());
            SourceSeries.remember(imp, part.volume(), folder);
            segment(imp, s, progress);
            Gui.show(imp);
        }
    }

    /**
     * Every output the settings ask for; the SEG first, since it is the one that can fail. Returns
     * the DICOM files written.
     */
    private static List<Path> show(ImagePlus imp, PipelineResult r, List<SegmentClass> shown, SegmentSettings s,
                                   SegmentationAlgorithm algo) throws IOException {
        List<Path> written = s.segFolder().isEmpty() ? List.of()
                : writeSeg(imp, r, algo, Path.of(s.segFolder()), s.probabilitySeg(), s.lesionSegments());
        boolean filled = s.overlay().equals("filled");
        List<Roi> rois = ResultObjects.rois(r.labels(), shown, filled);
        if (!s.overlay().equals("none")) imp.setOverlay(ResultObjects.overlay(imp.getOverlay(), rois));
        if (s.roiManager()) addToRoiManager(imp, rois);
        if (s.labelImage()) Gui.show(ResultObjects.labelImage(r.labels(), shown, imp));
        if (s.results()) {
            ResultsTable rt = ResultsTable.getResultsTable();
            ResultObjects.fill(rt, imp.getTitle(), r.measurements(), shown);
            if (!Gui.headless()) rt.show("Results");
        }
        if (s.components()) showComponents(imp, r, shown);
        return written;
    }

    /** The components table; headless there is no table window to find, so its CSV goes to the log. */
    private static void showComponents(ImagePlus imp, PipelineResult r, List<SegmentClass> shown) {
        List<ComponentMeasurement> rows = SeriesOutputs.components(r);
        if (Gui.headless()) {
            IJ.log(ResultObjects.COMPONENTS_TABLE + " of " + imp.getTitle() + ":\n"
                    + MeasurementCsv.ofComponents(ResultObjects.shownOnly(rows, shown)).strip());
            return;
        }
        ResultsTable rt = ResultsTable.getResultsTable(ResultObjects.COMPONENTS_TABLE);
        if (rt == null) rt = new ResultsTable();
        ResultObjects.fillComponents(rt, imp.getTitle(), rows, shown);
        rt.show(ResultObjects.COMPONENTS_TABLE);
    }

    /**
     * Adds without clearing what is there. A batch-mode macro gets ImageJ's hidden batch-mode
     * manager (no window); headless there is no manager at all, so this is skipped with a note.
     */
    private static void addToRoiManager(ImagePlus imp, List<Roi> rois) {
        RoiManager rm = Gui.roiManager(true);
        if (rm == null) {
            IJ.log("Segment Series: headless, ROIs not added to the ROI Manager (they are on the overlay)");
            return;
        }
        for (Roi r : rois) rm.add(imp, (Roi) r.clone(), -1); // -1: keep our name as the label
    }

    /**
     * The SEG, its measurements as a DICOM SR ({@code <title>-measurements-sr.dcm}), and with
     * {@code probabilities} the FRACTIONAL SEG beside it ({@code <title>-probabilities-seg.dcm}).
     */
    private static List<Path> writeSeg(ImagePlus imp, PipelineResult r, SegmentationAlgorithm algo, Path folder,
                                       boolean probabilities, boolean lesionSegments) throws IOException {
        if (r.image().slices().isEmpty()) {
            throw new IllegalArgumentException("a DICOM SEG needs an image opened from DICOM (Open DICOM Series...) "
                    + "whose grid is unchanged: " + imp.getTitle() + " is not one");
        }
        Files.createDirectories(folder);
        String name = imp.getTitle().replaceAll("[^A-Za-z0-9._-]+", "_") + "-seg.dcm";
        SegWriter.Target seg = SegWriter.Target.fresh(900, "Atrous segmentation");
        LabelVolume labels = lesionSegments ? LesionSegments.split(r.labels()) : r.labels();
        SegWriter.write(labels, r.image(), algo, seg, folder.resolve(name));
        IJ.log("Segment Series: DICOM SEG written to " + folder.resolve(name));
        Path sr = folder.resolve(name.replaceFirst("-seg\\.dcm$", "-measurements-sr.dcm"));
        SeriesOutputs.writeMeasurementReport(r, labels, algo, seg, sr);
        IJ.log("Segment Series: measurements (DICOM SR, TID 1500) written to " + sr);
        if (!probabilities) return List.of(folder.resolve(name), sr);
        Path prob = folder.resolve(name.replaceFirst("-seg\\.dcm$", "-probabilities-seg.dcm"));
        SeriesOutputs.writeProbabilitySeg(r, algo, prob);
        IJ.log("Segment Series: FRACTIONAL SEG of the probabilities written to " + prob);
        return List.of(folder.resolve(name), sr, prob);
    }

    static SegmentationAlgorithm algorithm(ModelStore.LoadedModel m, SegmentSettings s, CrfMode mode) {
        String model = m.card().id() + " " + m.card().version();
        return new SegmentationAlgorithm(false, "Atrous", Models.ATROUS_VERSION + " " + model,
                "model " + model + ", CRF " + mode.label() + " strength " + s.strength()
                        + Models.regionZoomed(s.regionZoom(m.card()))
                        + Models.componentsRemoved(s.minComponentMl(m.card()))
                        + Models.largestKept(s.largestComponentOnly(m.card())) + s.regionNote());
    }
}
