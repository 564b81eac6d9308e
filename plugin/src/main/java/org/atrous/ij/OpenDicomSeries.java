package org.atrous.ij;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import org.atrous.dicom.LabelObjects;
import org.atrous.dicom.RejectedFile;
import org.atrous.dicom.SeriesPart;
import org.atrous.dicom.SeriesReadResult;
import org.atrous.dicom.SeriesReader;
import org.atrous.progress.ProgressListener;
import org.atrous.roi.VolumeImages;

/**
 * Plugins › Atrous › Open DICOM Series...: reads a folder (or file, DICOMDIR, zip) and opens one
 * series as a 32-bit stack in HU (or modality values), calibrated in mm, each slice's DICOM
 * header as its label info. Macro: {@code run("Open DICOM Series...", "folder=/data/ct series=1");}
 */
public final class OpenDicomSeries implements PlugIn {

    @Override
    public void run(String arg) {
        GenericDialog gd = new GenericDialog("Open DICOM Series");
        gd.addDirectoryField("Folder", IJ.getDirectory("current") == null ? "" : IJ.getDirectory("current"), 40);
        gd.addNumericField("Series (number when the folder holds several; 0 asks)", 0, 0);
        gd.showDialog();
        if (gd.wasCanceled()) return;
        String folder = gd.getNextString().trim();
        int series = (int) gd.getNextNumber();
        IjProgress progress = new IjProgress("Open DICOM Series");
        try {
            ImagePlus imp = open(Path.of(folder), series, progress);
            if (imp != null) Gui.show(imp);
            progress.finish(imp == null ? "" : "opened " + imp.getTitle());
        } catch (ProgressListener.Cancelled e) {
            progress.finish("Open DICOM Series: cancelled");
        } catch (RuntimeException e) {
            progress.finish("");
            Gui.error("Open DICOM Series", e.getMessage());
        }
    }

    /**
     * The chosen series as an image (null when the user closed the list): {@code number}
     * counts from 1 in reading order; 0 opens the only series or asks which.
     */
    static ImagePlus open(Path folder, int number, ProgressListener progress) {
        if (!Files.exists(folder)) throw new IllegalArgumentException("no such file or folder: " + folder);
        SeriesReadResult read = new SeriesReader().read(folder, progress);
        java.util.Map<Path, LabelObjects.Summary> labels = new java.util.LinkedHashMap<>();
        for (RejectedFile r : read.rejected()) {
            LabelObjects.Summary s = LabelObjects.describe(Path.of(r.path()));
            if (s != null) labels.put(Path.of(r.path()), s);
            else progress.log("skipped " + org.atrous.dicom.ZipInputs.display(r.path()) + ": " + r.reason());
        }
        List<SeriesPart> parts = read.parts();
        if (parts.isEmpty()) throw new IllegalArgumentException("no readable image series in " + folder);
        int chosen = number > 0 ? number : parts.size() == 1 ? 1 : ask(parts);
        if (chosen == 0) return null;
        if (chosen > parts.size()) {
            throw new IllegalArgumentException(folder + " holds " + parts.size() + " series, not " + chosen);
        }
        SeriesPart part = parts.get(chosen - 1);
        ImagePlus imp = VolumeImages.toImagePlus(part.volume(), title(part));
        SourceSeries.remember(imp, part.volume(), folder);
        sayLabelObjects(labels, part.volume().identity().seriesInstanceUid(), progress);
        return imp;
    }

    /** Names the SEGs and RT Structure Sets beside the series that label it, so a reader knows to open them. */
    private static void sayLabelObjects(java.util.Map<Path, LabelObjects.Summary> labels, String seriesUid,
                                        ProgressListener progress) {
        labels.forEach((p, s) -> {
            if (seriesUid.isEmpty() || !seriesUid.equals(s.seriesUid())) return;
            progress.log(p.getFileName() + " labels this series (" + (s.kind().equals("SEG") ? "DICOM SEG" : "RT Structure Set")
                    + ": " + String.join(", ", s.classes()) + "); Open DICOM SEG... shows it");
        });
    }

    /** A list of the series; headless or in a macro, asking is an error rather than a hang. */
    private static int ask(List<SeriesPart> parts) {
        if (Gui.noWindows() || ij.Macro.getOptions() != null) {
            throw new IllegalArgumentException(parts.size() + " series found: give series=<1.." + parts.size() + ">");
        }
        String[] items = new String[parts.size()];
        for (int i = 0; i < items.length; i++) items[i] = (i + 1) + ": " + title(parts.get(i)) + " " + parts.get(i).description();
        GenericDialog gd = new GenericDialog("Choose a series");
        gd.addChoice("Series", items, items[0]);
        gd.showDialog();
        if (gd.wasCanceled()) return 0;
        return gd.getNextChoiceIndex() + 1;
    }

    private static String title(SeriesPart p) {
        var id = p.volume().identity();
        String d = blank(id.seriesDescription()) ? p.name() : id.seriesDescription();
        return (blank(id.modality()) ? "" : id.modality() + " ") + (blank(id.seriesNumber()) ? "" : id.seriesNumber() + " ") + d;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
