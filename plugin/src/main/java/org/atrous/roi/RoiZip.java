package org.atrous.roi;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import ij.gui.Roi;
import ij.io.RoiDecoder;
import ij.io.RoiEncoder;

/**
 * ROI sets as ImageJ's ROI Manager saves and opens them: a zip of {@code .roi} files. Entry
 * names are made unique, since the manager keys ROIs by name.
 */
public final class RoiZip {

    private RoiZip() { }

    public static void write(List<Roi> rois, OutputStream out) throws IOException {
        Set<String> used = new HashSet<>();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Roi r : rois) {
                String base = r.getName() == null ? "roi" : r.getName().replaceAll("[/\\\\:]", "_");
                String name = base;
                for (int k = 2; !used.add(name); k++) name = base + "-" + k;
                zip.putNextEntry(new ZipEntry(name + ".roi"));
                zip.write(RoiEncoder.saveAsByteArray(r));
                zip.closeEntry();
            }
        }
    }

    public static List<Roi> read(Path zip) throws IOException {
        List<Roi> rois = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (!e.getName().endsWith(".roi")) continue;
                byte[] bytes = in.readAllBytes();
                Roi r = RoiDecoder.openFromByteArray(bytes);
                if (r == null) throw new IOException("not an ImageJ ROI: " + e.getName() + " in " + zip);
                rois.add(r);
            }
        }
        return rois;
    }
}
