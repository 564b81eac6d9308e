package org.atrous.dicom;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.atrous.progress.ProgressListener;

/**
 * Turns a NIfTI image and its label volume (already read, on one grid) into a DICOM series
 * plus a SEG of the labels referencing it, with the same geometry. UIDs are {@code 2.25.}
 * name-based UUIDs of the case name, so converting the same case twice gives the same UIDs.
 * The dataset's attribution goes into Image Comments of every slice and, shortened, into the
 * Series Description, as the licence (CC BY-SA) requires.
 */
public final class NiftiToDicom {
    /** MSD Task04 Hippocampus: the attribution and the two label classes. */
    public static final String HIPPOCAMPUS_ATTRIBUTION = "MSD Task04 Hippocampus, CC BY-SA 4.0, Simpson, Antonelli et al."
            + " 2019; Antonelli et al. Nat Commun 13:4128 (2022)";
    private static final CodedConcept HIPPOCAMPUS = CodedConcept.sct("5366008", "Hippocampus");
    public static final List<SegmentClass> HIPPOCAMPUS_CLASSES = List.of(
            new SegmentClass(1, "anterior hippocampus", new int[] {255, 200, 0}, SegmentClass.ANATOMICAL_STRUCTURE, HIPPOCAMPUS),
            new SegmentClass(2, "posterior hippocampus", new int[] {0, 200, 255}, SegmentClass.ANATOMICAL_STRUCTURE, HIPPOCAMPUS));

    /** What describes the converted case. */
    public record Dataset(String caseName, String modality, String attribution, String shortDescription,
                          List<SegmentClass> classes) {
        public static Dataset hippocampus(String caseName) {
            return new Dataset(caseName, "MR", HIPPOCAMPUS_ATTRIBUTION, "MSD Task04 Hippocampus CC BY-SA 4.0 " + caseName,
                    HIPPOCAMPUS_CLASSES);
        }
    }

    private NiftiToDicom() { }

    /** Writes {@code dir/image/IMG*.dcm} and {@code dir/seg.dcm}; dir must exist, its "image" must not. */
    public static Volume convert(Volume image, LabelVolume labels, Dataset d, Path dir, ProgressListener listener)
            throws IOException {
        if (!labels.geometry().sameGrid(image.geometry(), 1e-3)) {
            throw new IllegalArgumentException("labels " + labels.geometry() + " and image " + image.geometry()
                    + " are not on the same grid");
        }
        Volume series = asSeries(image, d);
        CtSeriesWriter.write(series, dir.resolve("image"), d.attribution(), listener);
        LabelVolume classed = new LabelVolume(labels.labels(), series.geometry(), d.classes());
        SegWriter.Target target = new SegWriter.Target(uid(d, "seg-series"), uid(d, "seg-instance"), 2,
                truncate("Labels: " + d.shortDescription()));
        SegWriter.write(classed, series, SegmentationAlgorithm.manual(truncate(d.attribution())), target,
                dir.resolve("seg.dcm"));
        return series;
    }

    /** The image with a DICOM identity: synthetic patient named after the case, one instance per slice. */
    static Volume asSeries(Volume image, Dataset d) {
        String sopClass = "MR".equals(d.modality()) ? CtSeriesWriter.MR_IMAGE_STORAGE : CtSeriesWriter.CT_IMAGE_STORAGE;
        SeriesIdentity id = new SeriesIdentity(d.caseName(), "NIFTI^" + d.caseName(), "", "O", uid(d, "study"), "1",
                "20000101", "120000", truncate(d.shortDescription()), "", uid(d, "series"), "1",
                truncate(d.shortDescription()), uid(d, "frame-of-reference"), d.modality(), "Atrous NIfTI conversion");
        List<SliceSource> slices = new ArrayList<>();
        for (int z = 0; z < image.geometry().nz(); z++) slices.add(new SliceSource(uid(d, "instance/" + z), sopClass, "", 1, ""));
        return new Volume(image.data(), image.geometry(), id, slices, image.window(), image.warnings());
    }

    static String uid(Dataset d, String role) {
        UUID u = UUID.nameUUIDFromBytes(("atrous-nifti:" + d.caseName() + ":" + role).getBytes(StandardCharsets.UTF_8));
        ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, b.array());
    }

    private static String truncate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64);
    }
}
