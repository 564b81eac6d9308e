package org.atrous.ij;

import java.awt.Button;
import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.EventQueue;
import java.awt.Menu;
import java.awt.MenuBar;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.TextField;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Vector;

import javax.imageio.ImageIO;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.Menus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.plugin.frame.Recorder;

/**
 * Drives ImageJ's GUI the way a user would, in a JVM with a display (Xvfb): starts ImageJ,
 * lists the Plugins › Atrous menu, opens the sample, opens the Recorder, chooses Segment
 * Series... from the menu (IJ.doCommand), fills in the real dialog, takes a screenshot, clicks
 * OK, then replays the line the Recorder wrote on a second copy of the image and compares the
 * two overlays; then records Open DICOM SEG and Save Segmentation as DICOM on the whole series.
 * Prints {@code RESULT key value} lines for {@link FijiGuiTest}. It does not
 * touch the plugin's classes directly: ImageJ loads them from the plugin jar.
 *
 * <p>Arguments: DICOM folder, first slice, last slice (a slab, to keep it quick), screenshot path.
 */
public final class GuiDriver {

    public static void main(String[] args) throws Exception {
        try {
            run(args[0], args[1], args[2], new File(args[3]));
        } catch (Throwable t) {
            t.printStackTrace(System.out);
            System.out.println("RESULT failed " + t);
        }
        System.out.flush();
        System.exit(0);
    }

    private static void run(String folder, String first, String last, File screenshot) throws Exception {
        ImageJ ij = new ImageJ();
        listMenu(ij.getMenuBar());
        ImagePlus recorded = open(folder, first, last, "recorded");
        Recorder recorder = new Recorder();
        Recorder.record = true;
        IJ.doCommand("Segment Series...");
        GenericDialog gd = (GenericDialog) waitForWindow("Segment Series");
        EventQueue.invokeAndWait(() -> fill(gd));
        Thread.sleep(500);
        capture(gd, screenshot);
        EventQueue.invokeAndWait(() -> gd.actionPerformed(new ActionEvent(okButton(gd), ActionEvent.ACTION_PERFORMED, "OK")));
        waitForOverlay(recorded);
        Thread.sleep(1000);
        ResultsTable components = ResultsTable.getResultsTable("Atrous Components");
        System.out.println("RESULT components " + (components == null ? "none"
                : components.size() + " " + components.getStringValue("Image", 0) + " " + components.getStringValue("Class", 0)));
        String line = recordedLine(recorder.getText());
        System.out.println("RESULT recorded " + line);
        Recorder.record = false;
        ImagePlus replayed = open(folder, first, last, "replayed");
        IJ.run(replayed, "Segment Series...", options(line));
        compare(recorded.getOverlay(), replayed.getOverlay());
        correctAndSave(folder);
    }

    /**
     * The correction loop's two dialogs, recorded: Open DICOM SEG puts the sample's SEG on the
     * whole series, Save Segmentation as DICOM writes it back with an RT Structure Set.
     */
    /** Waits (up to a minute, for a loaded machine) until the Recorder holds a line starting so. */
    private static void waitForRecorded(Recorder recorder, String start) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            for (String l : recorder.getText().split("\n")) if (l.startsWith(start)) return;
            Thread.sleep(100);
        }
    }

    private static void correctAndSave(String folder) throws Exception {
        IJ.run("Open DICOM Series...", "folder=[" + folder + "] series=1");
        ImagePlus full = WindowManager.getCurrentImage();
        File out = java.nio.file.Files.createTempDirectory("atrous-gui").toFile();
        Recorder recorder = new Recorder();
        Recorder.record = true;
        IJ.doCommand("Open DICOM SEG...");
        GenericDialog open = (GenericDialog) waitForWindow("Open DICOM SEG");
        EventQueue.invokeAndWait(() -> {
            ((TextField) open.getStringFields().get(0)).setText(new File(folder).getParent() + File.separator + "seg.dcm");
            ((Choice) open.getChoices().get(0)).select("filled");
            ((Checkbox) open.getCheckboxes().get(0)).setState(false);
            open.actionPerformed(new ActionEvent(okButton(open), ActionEvent.ACTION_PERFORMED, "OK"));
        });
        waitForOverlay(full);
        // ImageJ records a command's line when its run() returns, after the overlay appears: the next
        // command must not start before, or the Recorder's one pending command is overwritten
        waitForRecorded(recorder, "run(\"Open DICOM SEG...\", \"");
        IJ.doCommand("Save Segmentation as DICOM...");
        GenericDialog save = (GenericDialog) waitForWindow("Save Segmentation as DICOM");
        EventQueue.invokeAndWait(() -> {
            ((TextField) save.getStringFields().get(0)).setText(out.getPath());
            ((Choice) save.getChoices().get(1)).select("overlay");
            ((TextField) save.getStringFields().get(1)).setText("Doe^Jane");
            ((Checkbox) save.getCheckboxes().get(0)).setState(true);
            save.actionPerformed(new ActionEvent(okButton(save), ActionEvent.ACTION_PERFORMED, "OK"));
        });
        for (int i = 0; i < 600 && java.util.Objects.requireNonNull(out.list()).length < 2; i++) Thread.sleep(100);
        waitForRecorded(recorder, "run(\"Save Segmentation as DICOM...\", \"");
        Recorder.record = false;
        for (String l : recorder.getText().split("\n")) {
            if (l.startsWith("run(\"Open DICOM SEG...\"")) System.out.println("RESULT recorded-open " + l);
            if (l.startsWith("run(\"Save Segmentation as DICOM...\"")) System.out.println("RESULT recorded-save " + l);
        }
        String[] files = out.list();
        java.util.Arrays.sort(files);
        System.out.println("RESULT saved " + String.join(" ", files));
        System.out.println("RESULT overlay " + full.getOverlay().size());
        for (File f : java.util.Objects.requireNonNull(out.listFiles())) f.delete();
        out.delete();
    }

    private static void listMenu(MenuBar bar) {
        for (int i = 0; i < bar.getMenuCount(); i++) {
            Menu m = bar.getMenu(i);
            if (!m.getLabel().equals("Plugins")) continue;
            for (int j = 0; j < m.getItemCount(); j++) {
                if (m.getItem(j) instanceof Menu sub && sub.getLabel().equals("Atrous")) {
                    for (int k = 0; k < sub.getItemCount(); k++) System.out.println("RESULT menu " + sub.getItem(k).getLabel());
                }
            }
        }
        System.out.println("RESULT command " + Menus.getCommands().get("Segment Series..."));
    }

    /** The series as a new image (a slab of slices keeps the test quick), titled. */
    private static ImagePlus open(String folder, String first, String last, String title) {
        IJ.run("Open DICOM Series...", "folder=[" + folder + "] series=1");
        ImagePlus full = WindowManager.getCurrentImage();
        IJ.run(full, "Make Substack...", "slices=" + first + "-" + last);
        ImagePlus slab = WindowManager.getCurrentImage();
        slab.setTitle(title);
        full.changes = false;
        full.close();
        return slab;
    }

    /** CRF off (fast), two classes, filled overlay, results and components tables on, the rest off. */
    private static void fill(GenericDialog gd) {
        Vector<?> choices = gd.getChoices(), strings = gd.getStringFields(), boxes = gd.getCheckboxes();
        ((Choice) choices.get(0)).select("current image");
        ((Choice) choices.get(1)).select("ct-abdomen");
        ((Choice) choices.get(2)).select("off");
        ((Choice) choices.get(3)).select("filled");
        ((TextField) strings.get(1)).setText("liver, spleen");
        ((Checkbox) boxes.get(0)).setState(false);
        ((Checkbox) boxes.get(1)).setState(false);
        ((Checkbox) boxes.get(2)).setState(true);
        ((Checkbox) boxes.get(5)).setState(true);
    }

    private static Button okButton(GenericDialog gd) {
        for (Button b : gd.getButtons()) if (b != null && b.getLabel().trim().equals("OK")) return b;
        throw new IllegalStateException("no OK button");
    }

    /** The whole screen (ImageJ, the image, the dialog); the dialog alone if the screen cannot be read. */
    private static void capture(Window w, File file) throws Exception {
        BufferedImage img;
        try {
            img = new Robot().createScreenCapture(new Rectangle(java.awt.Toolkit.getDefaultToolkit().getScreenSize()));
        } catch (Exception e) {
            img = new BufferedImage(w.getWidth(), w.getHeight(), BufferedImage.TYPE_INT_RGB);
            w.paintAll(img.getGraphics());
        }
        file.getParentFile().mkdirs();
        ImageIO.write(img, "png", file);
        System.out.println("RESULT screenshot " + file + " " + img.getWidth() + "x" + img.getHeight());
    }

    private static Window waitForWindow(String title) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            for (Window w : Window.getWindows()) {
                if (w instanceof GenericDialog d && d.isVisible() && title.equals(d.getTitle())) return w;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no dialog " + title);
    }

    private static void waitForOverlay(ImagePlus imp) throws InterruptedException {
        for (int i = 0; i < 3000 && imp.getOverlay() == null; i++) Thread.sleep(100);
        if (imp.getOverlay() == null) throw new IllegalStateException("no overlay after Segment Series");
    }

    private static String recordedLine(String text) {
        for (String l : text.split("\n")) if (l.startsWith("run(\"Segment Series...\"")) return l;
        throw new IllegalStateException("the Recorder wrote no Segment Series line:\n" + text);
    }

    /** The options string of {@code run("Command", "options");}. */
    private static String options(String line) {
        int start = line.indexOf("\", \"") + 4;
        return line.substring(start, line.lastIndexOf("\");"));
    }

    private static void compare(Overlay a, Overlay b) {
        System.out.println("RESULT rois " + a.size() + " " + (b == null ? 0 : b.size()));
        int same = 0;
        for (int i = 0; b != null && i < Math.min(a.size(), b.size()); i++) {
            Roi x = a.get(i), y = b.get(i);
            if (x.getName().equals(y.getName()) && x.getPosition() == y.getPosition()
                    && java.util.Arrays.equals(x.getContainedPoints(), y.getContainedPoints())
                    && x.getFillColor() != null && x.getFillColor().equals(y.getFillColor())) same++;
            if (i < 3) System.out.println("RESULT roi " + x.getName() + " z" + x.getPosition());
        }
        System.out.println("RESULT identical " + same);
    }
}
