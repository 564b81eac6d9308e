package org.atrous.phantom;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;

import javax.imageio.ImageIO;

import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.Volume;

/**
 * A montage of axial slices in a soft-tissue window (W400/L40) with the ground-truth outlines
 * coloured per class, in radiological convention (patient's right on the image left, anterior
 * up), which is how the phantom's LPS grid already lies. Headless java.awt only.
 */
public final class PhantomPicture {
    private PhantomPicture() { }

    /** Renders the given slice indices side by side, each upscaled by {@code zoom}, and writes a PNG. */
    public static void write(Volume ct, LabelVolume labels, int[] slices, int zoom, File png) throws IOException {
        int nx = ct.geometry().nx(), ny = ct.geometry().ny();
        int legend = 22;
        BufferedImage img = new BufferedImage(nx * zoom * slices.length, ny * zoom + legend, BufferedImage.TYPE_INT_RGB);
        for (int k = 0; k < slices.length; k++) {
            drawSlice(img, ct, labels, slices[k], k * nx * zoom, zoom);
        }
        Graphics2D g = img.createGraphics();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11 + zoom));
        for (int k = 0; k < slices.length; k++) {
            g.setColor(Color.WHITE);
            g.drawString("z=" + slices[k] + "  R", k * nx * zoom + 4, 14 + zoom);
        }
        drawLegend(g, labels, ny * zoom + 16);
        g.dispose();
        File tmp = new File(png.getPath() + ".tmp");
        ImageIO.write(img, "png", tmp);
        if (!tmp.renameTo(png)) throw new IOException("cannot rename " + tmp + " to " + png);
    }

    /** One line naming each class in its outline colour. */
    private static void drawLegend(Graphics2D g, LabelVolume labels, int baseline) {
        int x = 6;
        for (SegmentClass c : labels.classes()) {
            g.setColor(new Color(c.rgb()[0], c.rgb()[1], c.rgb()[2]));
            g.fillRect(x, baseline - 10, 10, 10);
            g.drawString(c.name(), x + 14, baseline);
            x += 24 + g.getFontMetrics().stringWidth(c.name());
        }
    }

    private static void drawSlice(BufferedImage img, Volume ct, LabelVolume labels, int z, int x0, int zoom) {
        int nx = ct.geometry().nx(), ny = ct.geometry().ny();
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int rgb = outline(labels, x, y, z) ? colour(labels, labels.get(x, y, z)) : grey(ct.get(x, y, z));
                for (int dy = 0; dy < zoom; dy++) {
                    for (int dx = 0; dx < zoom; dx++) img.setRGB(x0 + x * zoom + dx, y * zoom + dy, rgb);
                }
            }
        }
    }

    private static int grey(float hu) {
        int v = (int) Math.round(Math.max(0, Math.min(1, (hu - (40 - 200)) / 400.0)) * 255);
        return v << 16 | v << 8 | v;
    }

    private static boolean outline(LabelVolume l, int x, int y, int z) {
        int v = l.get(x, y, z);
        if (v == 0) return false;
        int nx = l.geometry().nx(), ny = l.geometry().ny();
        return x == 0 || y == 0 || x == nx - 1 || y == ny - 1 || l.get(x - 1, y, z) != v
                || l.get(x + 1, y, z) != v || l.get(x, y - 1, z) != v || l.get(x, y + 1, z) != v;
    }

    private static int colour(LabelVolume l, int label) {
        SegmentClass c = l.classOf(label);
        int[] rgb = c == null ? new int[] {255, 255, 255} : c.rgb();
        return rgb[0] << 16 | rgb[1] << 8 | rgb[2];
    }
}
