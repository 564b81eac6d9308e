package org.atrous.roi;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.Volume;

/**
 * A montage of evenly spaced slices in a display window with each class outlined in its
 * colour: the preview a reader glances at to check a result. Pure AWT on a BufferedImage, so it
 * works headless.
 */
public final class PreviewRenderer {

    private PreviewRenderer() { }

    /**
     * @param tiles  number of slices shown (at most the number of slices)
     * @param tileSize side of each tile in pixels
     * @param window {centre, width} for the grey levels
     */
    public static BufferedImage render(Volume image, LabelVolume labels, int tiles, int tileSize, double[] window) {
        Geometry g = image.geometry();
        int n = Math.max(1, Math.min(tiles, g.nz()));
        int cols = (int) Math.ceil(Math.sqrt(n)), rows = (n + cols - 1) / cols;
        BufferedImage out = new BufferedImage(cols * tileSize, rows * tileSize, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = out.createGraphics();
        gr.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        gr.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, tileSize / 20)));
        for (int t = 0; t < n; t++) {
            int z = n == 1 ? g.nz() / 2 : (int) Math.round(t * (g.nz() - 1) / (double) (n - 1));
            BufferedImage slice = slice(image, labels, z, window);
            int x0 = (t % cols) * tileSize, y0 = (t / cols) * tileSize;
            gr.drawImage(slice, x0, y0, tileSize, tileSize, null);
            gr.setColor(Color.YELLOW);
            gr.drawString("z" + (z + 1), x0 + 4, y0 + gr.getFont().getSize() + 2);
        }
        gr.dispose();
        return out;
    }

    /** One slice in grey with one-pixel outlines where a label meets another value. */
    static BufferedImage slice(Volume image, LabelVolume labels, int z, double[] window) {
        Geometry g = image.geometry();
        int nx = g.nx(), ny = g.ny(), base = z * nx * ny;
        double lo = window[0] - window[1] / 2, width = window[1];
        BufferedImage img = new BufferedImage(nx, ny, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int i = base + y * nx + x;
                int grey = (int) Math.round(255 * Math.min(1, Math.max(0, (image.data()[i] - lo) / width)));
                int rgb = (grey << 16) | (grey << 8) | grey;
                int l = labels == null ? 0 : labels.labels()[i] & 0xff;
                if (l != 0 && isEdge(labels.labels(), nx, ny, base, x, y)) {
                    SegmentClass c = labels.classOf(l);
                    if (c != null) rgb = (c.rgb()[0] << 16) | (c.rgb()[1] << 8) | c.rgb()[2];
                }
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    private static boolean isEdge(byte[] l, int nx, int ny, int base, int x, int y) {
        byte v = l[base + y * nx + x];
        return x == 0 || y == 0 || x == nx - 1 || y == ny - 1
                || l[base + y * nx + x - 1] != v || l[base + y * nx + x + 1] != v
                || l[base + (y - 1) * nx + x] != v || l[base + (y + 1) * nx + x] != v;
    }

}
