package org.atrous.ij;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import ij.ImagePlus;
import org.atrous.dicom.SeriesPart;
import org.atrous.dicom.SeriesReader;
import org.atrous.dicom.Volume;
import org.atrous.progress.ProgressListener;
import org.atrous.roi.VolumeImages;

/**
 * Remembers which DICOM series an open image came from, so that a DICOM SEG of its
 * segmentation can reference the source instances. The image's own voxels are always used
 * (the user may have filtered them); the series only lends identity and per-slice UIDs, and
 * only while the grid is unchanged.
 */
final class SourceSeries {

    /** Image property: the file or folder the series was read from. */
    static final String SOURCE = "atrous.source";

    private static final Map<ImagePlus, Volume> OPENED = Collections.synchronizedMap(new WeakHashMap<>());

    private SourceSeries() { }

    static void remember(ImagePlus imp, Volume v, Path source) {
        OPENED.put(imp, v);
        imp.setProp(SOURCE, source.toAbsolutePath().toString());
    }

    /** The image as a volume, with DICOM provenance when it is known and still fits. */
    static Volume of(ImagePlus imp, ProgressListener listener) {
        Volume own = VolumeImages.fromImagePlus(imp);
        Volume dicom = OPENED.get(imp);
        if (dicom == null) dicom = reread(imp, listener);
        if (dicom == null || !dicom.geometry().sameGrid(own.geometry(), 1e-3)) return own;
        return new Volume(own.data(), dicom.geometry(), dicom.identity(), dicom.slices(), own.window(), dicom.warnings());
    }

    /** For an image reopened from a TIFF saved by us: its source series, if still there. */
    private static Volume reread(ImagePlus imp, ProgressListener listener) {
        String source = imp.getProp(SOURCE), uid = imp.getProp(VolumeImages.SERIES_UID);
        if (source == null || uid == null || uid.isEmpty() || !Files.exists(Path.of(source))) return null;
        for (SeriesPart p : new SeriesReader().read(Path.of(source), listener).parts()) {
            if (p.volume().identity().seriesInstanceUid().equals(uid)) return p.volume();
        }
        return null;
    }
}
