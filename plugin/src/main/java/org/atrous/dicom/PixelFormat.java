package org.atrous.dicom;

/**
 * How stored pixel values are encoded, and how they map to modality values.
 *
 * @param bitsAllocated 8 or 16
 * @param bitsStored    significant bits; the rest are masked off
 * @param signed        PixelRepresentation 1 (two's complement)
 * @param monochrome1   MONOCHROME1: low values are white, so values are inverted
 * @param transferSyntax the file's Transfer Syntax UID ("" without a meta header)
 */
public record PixelFormat(int bitsAllocated, int bitsStored, boolean signed, boolean monochrome1, String transferSyntax) {

    /** The modality value of one stored sample (raw bits as read from Pixel Data). */
    public int storedValue(int raw) {
        int v = raw & ((1 << bitsStored) - 1);
        if (monochrome1) v = ~v & ((1 << bitsStored) - 1);
        if (signed && (v & (1 << (bitsStored - 1))) != 0) v -= 1 << bitsStored;
        return v;
    }
}
