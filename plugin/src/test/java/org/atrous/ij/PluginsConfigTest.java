package org.atrous.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import ij.plugin.PlugIn;
import org.junit.jupiter.api.Test;

/** plugins.config registers every command under Plugins › Atrous, and the dialogs' macro keys are unique. */
class PluginsConfigTest {

    /** Written by the batch work (org.atrous.batch); it may be absent from this branch. */
    private static final String BATCH = "org.atrous.ij.BatchSegmentFolder";

    @Test
    void everyCommandIsInTheAtrousMenu() throws Exception {
        Map<String, String> commands = commands();
        assertEquals(List.of("Open DICOM Series...", "Open DICOM SEG...", "Segment Series...", "Save Segmentation as DICOM...", "Train Model...", "Model Zoo...",
                "Batch Segment Folder...", "About Atrous"), new ArrayList<>(commands.keySet()));
        assertEquals(BATCH, commands.get("Batch Segment Folder..."));
        for (Map.Entry<String, String> e : commands.entrySet()) {
            if (e.getValue().equals(BATCH)) continue;
            assertTrue(PlugIn.class.isAssignableFrom(Class.forName(e.getValue())), e.getValue() + " is an ImageJ PlugIn");
        }
    }

    @Test
    void segmentOptionsHaveUniqueFirstWords() {
        Set<String> keys = new HashSet<>();
        for (String label : SegmentDialog.OPTIONS) {
            String key = label.split(" ")[0].toLowerCase(Locale.ROOT);
            assertTrue(keys.add(key), "macro key " + key + " is used twice");
        }
        assertEquals(Set.of("source", "folder", "model", "crf", "strength", "classes", "overlay", "add", "label",
                "results", "dicom", "skip", "keep", "components", "probabilities", "lesions", "store", "selection", "slices"),
                keys);
    }

    /** Label → class, in file order, from the jar resource ImageJ reads. */
    static Map<String, String> commands() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = PluginsConfigTest.class.getResourceAsStream("/plugins.config")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] parts = line.split(",", 3);
                assertEquals("Plugins>Atrous", parts[0].trim(), line);
                out.put(parts[1].trim().replace("\"", ""), parts[2].trim());
            }
        }
        return out;
    }
}
