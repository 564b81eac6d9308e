package org.atrous.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ImageJ with its GUI under Xvfb (see {@link GuiDriver}): the Plugins › Atrous menu holds every
 * command, the Segment dialog opens from the menu and is photographed, the Macro Recorder writes
 * a {@code run("Segment Series...", ...)} line, and that line replayed gives the same overlay;
 * Open DICOM SEG and Save Segmentation as DICOM record their lines and write their files.
 * The screenshot goes to docs/fiji-segment-dialog.png when that file is missing or
 * {@code -Datrous.updateScreenshots=true}, else under target/.
 */
class FijiGuiTest {

    @TempDir Path tmp;

    @Test
    void menuDialogRecorderAndReplay() throws Exception {
        Assumptions.assumeTrue(Xvfb.executable() != null,
                "Xvfb not installed: run build/install-test-tools.sh (installs the Debian package xvfb)");
        Path docs = RealImageJ.REPO.resolve("docs/fiji-segment-dialog.png");
        Path shot = !Files.exists(docs) || Boolean.getBoolean("atrous.updateScreenshots") ? docs
                : RealImageJ.MODULE.resolve("target/fiji-segment-dialog.png");
        RealImageJ.Result r;
        try (Xvfb x = Xvfb.start()) {
            r = new RealImageJ(tmp.resolve("ImageJ"), x.display()).main(GuiDriver.class.getName(),
                    List.of(SampleResults.SAMPLE.resolve("ct").toString(), "20", "27", shot.toString()), 420);
        }
        List<String> results = new ArrayList<>();
        for (String l : r.output().split("\n")) if (l.startsWith("RESULT ")) results.add(l.substring(7).trim());
        String all = String.join("\n", results);
        System.out.println(all);
        assertFalse(all.contains("failed"), RealImageJ.tail(r.output()));
        for (String item : List.of("Open DICOM Series...", "Open DICOM SEG...", "Segment Series...", "Save Segmentation as DICOM...", "Train Model...", "Model Zoo...",
                "Batch Segment Folder...", "About Atrous")) {
            assertTrue(results.contains("menu " + item), "menu item " + item + " in\n" + all);
        }
        assertTrue(results.contains("command org.atrous.ij.SegmentSeries"), all);
        assertTrue(Files.size(shot) > 10_000, "screenshot " + shot);

        String line = value(results, "recorded ");
        assertTrue(line.startsWith("run(\"Segment Series...\", \""), line);
        for (String option : List.of("source=[current image]", "model=ct-abdomen", "crf=off", "classes=[liver, spleen]",
                "overlay=filled", "results", "components")) {
            assertTrue(line.contains(option), option + " recorded in " + line);
        }
        // the components table window: a row per liver and spleen component of the recorded image, liver first
        String[] table = value(results, "components ").split(" ");
        assertTrue(Integer.parseInt(table[0]) >= 2, "components table rows: " + table[0]);
        assertEquals("recorded", table[1]);
        assertEquals("liver", table[2]);
        String[] counts = value(results, "rois ").split(" ");
        int n = Integer.parseInt(counts[0]);
        assertTrue(n > 5, "overlay of the recorded run: " + n + " ROIs");
        assertEquals(counts[0], counts[1], "replayed overlay size");
        assertEquals(n, Integer.parseInt(value(results, "identical ")), "replayed ROIs identical (name, slice, pixels, colour)");

        // the correction loop's dialogs record lines with the documented keys, and the files are written
        String open = value(results, "recorded-open ");
        for (String option : List.of("seg=", "seg.dcm", "overlay=filled")) {
            assertTrue(open.contains(option), option + " recorded in " + open);
        }
        assertFalse(open.contains(" add"), open);
        String save = value(results, "recorded-save ");
        for (String option : List.of("folder=", "model=ct-abdomen", "rois=overlay", "type=manual", "creator=Doe^Jane",
                "series=[Atrous segmentation, corrected]", " rt")) {
            assertTrue(save.contains(option), option + " recorded in " + save);
        }
        assertTrue(Integer.parseInt(value(results, "overlay ")) > 100, "the sample SEG's ROIs on the overlay");
        String[] saved = value(results, "saved ").split(" ");
        assertEquals(2, saved.length, String.join(" ", saved));
        assertTrue(saved[0].endsWith("-manual-rtstruct.dcm") && saved[1].endsWith("-manual-seg.dcm"), String.join(" ", saved));
    }

    private static String value(List<String> results, String key) {
        return results.stream().filter(s -> s.startsWith(key)).map(s -> s.substring(key.length())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " in " + results));
    }
}
