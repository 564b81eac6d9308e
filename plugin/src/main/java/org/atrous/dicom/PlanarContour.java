package org.atrous.dicom;

/**
 * A closed polygon on one slice, in pixel-edge coordinates as ImageJ traces outlines: the
 * corner between pixels (0,0) and (1,1) is (1,1), so the centre of pixel (0,0) is (0.5, 0.5).
 *
 * @param slice 0-based slice index
 * @param xy    vertices as x0, y0, x1, y1, … (the polygon closes itself)
 */
public record PlanarContour(int slice, double[] xy) {

    public PlanarContour {
        if (xy.length < 6 || xy.length % 2 != 0) {
            throw new IllegalArgumentException("a contour needs at least 3 vertices");
        }
        xy = xy.clone();
    }

    public int points() { return xy.length / 2; }
}
