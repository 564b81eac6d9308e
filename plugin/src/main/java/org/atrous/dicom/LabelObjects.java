package org.atrous.dicom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Labels from either DICOM object that carries them onto a series: a Segmentation, or an RT
 * Structure Set (told apart by SOP Class), for commands that take whichever a site has.
 */
public final class LabelObjects {

    private LabelObjects() { }

    /** The SEG's or RT Structure Set's labels on {@code series}' grid; what an RT set loses goes to {@code warn}. */
    public static LabelVolume read(Path file, Volume series, Consumer<String> warn) throws IOException {
        if (!RtStructReader.isRtStruct(file)) return SegReader.read(file, series);
        RtStructReader.Rasterized r = RtStructReader.read(file, series, null);
        r.warnings().forEach(warn);
        return r.labels();
    }
}
