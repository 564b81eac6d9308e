package org.atrous.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.io.Opener;
import org.atrous.dicom.CodedConcept;
import org.atrous.dicom.LabelMaps;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.NiftiReader;
import org.atrous.dicom.NrrdReader;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.Volume;
import org.atrous.model.train.TrainingCase;
import org.atrous.phantom.AbdomenPhantom;
import org.atrous.phantom.Phantom;
import org.atrous.phantom.PhantomOptions;
import org.atrous.progress.ProgressListener;
import org.atrous.roi.RoiLabels;
import org.atrous.roi.RoiZip;
import org.atrous.roi.VolumeImages;

/** Annotated volumes for training and evaluation, from each source users have. */
public final class TrainingSets {

    private TrainingSets() { }

    /** Salt for the per-phantom noise draw, apart from the generator's own use of the seed. */
    private static final long NOISE_STREAM = 0x6e6f697365L;

    /** Phantoms with seeds {@code firstSeed .. firstSeed+count-1}, generated in memory. */
    public static List<TrainingCase> phantoms(PhantomOptions template, long firstSeed, int count, ProgressListener l) {
        return phantoms(template, firstSeed, count, new double[] {template.noiseSd(), template.noiseSd()}, l);
    }

    /**
     * Phantoms whose noise SD (HU) is drawn uniformly from {@code noiseRange}, per phantom and
     * from its seed alone, so that a model also meets scans quieter or noisier than the
     * template's (a scanner's dose and kernel set the noise; a network that saw one level only
     * can lose lesions at another).
     */
    public static List<TrainingCase> phantoms(PhantomOptions template, long firstSeed, int count, double[] noiseRange,
                                              ProgressListener l) {
        return phantoms(template, firstSeed, count, noiseRange, o -> AbdomenPhantom.generate(o, ProgressListener.NONE), l);
    }

    /** As above, each phantom made by {@code make} from its options (a tilted acquisition, say). */
    public static List<TrainingCase> phantoms(PhantomOptions template, long firstSeed, int count, double[] noiseRange,
                                              java.util.function.Function<PhantomOptions, Phantom> make, ProgressListener l) {
        List<TrainingCase> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            l.checkCanceled();
            long seed = firstSeed + i;
            double u = new SplittableRandom(seed ^ NOISE_STREAM).nextDouble();
            PhantomOptions o = template.withSeed(seed).withNoiseSd(noiseRange[0] + u * (noiseRange[1] - noiseRange[0]));
            Phantom p = make.apply(o);
            cases.add(new TrainingCase("phantom-" + (firstSeed + i), p.ct(), p.labels()));
            l.progress("phantoms", (i + 1.0) / count);
        }
        return cases;
    }

    /**
     * Cases from a folder of case folders, each holding one DICOM series and a {@code seg.dcm}
     * that references it (the SEG's segments define the classes) or an RT Structure Set
     * ({@code rtstruct.dcm}, else any RTSTRUCT file in the folder), all read now. A case whose
     * series or labels cannot be read is skipped with the reason in a log line.
     */
    public static List<TrainingCase> dicomWithSeg(Path root, ProgressListener l) throws IOException {
        return CaseList.readAll(DicomCases.folders(root, null, l), l);
    }

    /** "skipped PATH: reason", without the path twice where the reader's message starts with it. */
    private static String skipped(Path p, Exception e) {
        String why = e.getMessage() == null ? e.toString() : e.getMessage();
        return "skipped " + p + ": " + (why.startsWith(p + ": ") ? why.substring(p.toString().length() + 2) : why);
    }

    /**
     * Cases from NIfTI images and label maps of the same file names (the Medical Segmentation
     * Decathlon layout), or NRRD volumes and label maps as 3D Slicer saves them ({@code
     * case.nrrd} with {@code case.nrrd} or {@code case.seg.nrrd}); class names label values
     * 1..n that the file does not name itself (a Slicer segmentation names its segments, matched
     * to the classes by name). A label map may be a crop of its image's grid ({@link LabelMaps}). A pair that cannot
     * be read, or whose grids differ otherwise, is skipped with the reason in a log line.
     */
    public static List<TrainingCase> nifti(Path images, Path labels, List<SegmentClass> classes, ProgressListener l)
            throws IOException {
        if (labels == null) throw new IllegalArgumentException("NIfTI images need a labels folder too");
        List<Path> files;
        try (Stream<Path> s = Files.list(images)) {
            files = s.filter(p -> NiftiReader.isNifti(p) || NrrdReader.isNrrd(p)).sorted().toList();
        }
        List<String> names = classes.stream().map(SegmentClass::name).toList();
        List<TrainingCase> cases = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path img = files.get(i), lab = labelMap(labels, img);
            if (lab == null) {
                l.log("skipped " + img + ": no label map " + labels.resolve(img.getFileName()));
                continue;
            }
            String id = img.getFileName().toString().replaceFirst("(\\.seg)?\\.(nii(\\.gz)?|nrrd|nhdr)$", "");
            try {
                Volume image = NrrdReader.isNrrd(img) ? NrrdReader.readImage(img) : NiftiReader.read(img);
                LabelVolume own = LabelMaps.nameUnnamed(LabelMaps.read(lab, image.geometry(), null,
                        w -> l.log(lab.getFileName() + ": " + w)), names);
                // numbered as the class list, whatever values a case happens to hold
                LabelVolume labelled = ReferenceClasses.inModelClasses(own, classes).reference();
                cases.add(new TrainingCase(id, image, new LabelVolume(labelled.labels(), image.geometry(), classes)));
            } catch (IOException | RuntimeException e) {
                l.log(skipped(img, e));
            }
            l.progress("reading NIfTI", (i + 1.0) / files.size());
        }
        return cases;
    }

    /** The label map of {@code image}: the same file name, or for a NRRD volume its .seg.nrrd; null if none. */
    private static Path labelMap(Path labels, Path image) {
        String name = image.getFileName().toString();
        Path same = labels.resolve(name);
        if (Files.isRegularFile(same)) return same;
        Path seg = labels.resolve(name.replaceFirst("\\.(nrrd|nhdr)$", ".seg.nrrd"));
        return Files.isRegularFile(seg) ? seg : null;
    }

    /**
     * Cases from ImageJ TIFF stacks whose ROIs are named by class ("liver", "liver tumour 2"
     * ...; see {@link RoiLabels}): a single stack, or every {@code .tif}/{@code .tiff} in a
     * folder. ROIs come from the stack's overlay (File › Save As › Tiff keeps it) and from a ROI
     * Manager set saved beside it as {@code NAME.zip}; each ROI's stack position is its slice.
     * A stack without any ROI is skipped with a message, since unlabelled slices would teach
     * "background everywhere". In a folder, a stack that cannot be read or has a ROI naming no
     * class is skipped with the reason; a single stack with such a ROI is refused.
     */
    public static List<TrainingCase> imagejStacks(Path stackOrFolder, List<SegmentClass> classes, ProgressListener l)
            throws IOException {
        if (Files.isRegularFile(stackOrFolder)) {
            // the one stack the user named: its problem is the answer, not a log line
            TrainingCase c = imagejStack(stackOrFolder, classes, l);
            return c == null ? List.of() : List.of(c);
        }
        if (!Files.isDirectory(stackOrFolder)) throw new IOException("no such ImageJ stack or folder: " + stackOrFolder);
        List<Path> files;
        try (Stream<Path> s = Files.list(stackOrFolder)) {
            files = s.filter(TrainingSets::isTiff).sorted().toList();
        }
        List<TrainingCase> cases = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            try {
                TrainingCase c = imagejStack(files.get(i), classes, l);
                if (c != null) cases.add(c);
            } catch (IOException | RuntimeException e) {
                // one stack with a misnamed ROI must not cost the others
                l.log(skipped(files.get(i), e));
            }
            l.progress("reading ImageJ stacks", (i + 1.0) / files.size());
        }
        return cases;
    }

    private static TrainingCase imagejStack(Path tiff, List<SegmentClass> classes, ProgressListener l)
            throws IOException {
        ImagePlus imp = new Opener().openImage(tiff.toString());
        if (imp == null) throw new IOException("ImageJ cannot open " + tiff + " as an image");
        List<Roi> rois = new ArrayList<>();
        Overlay overlay = imp.getOverlay();
        if (overlay != null) rois.addAll(List.of(overlay.toArray()));
        Path set = roiSetBeside(tiff);
        if (set != null) rois.addAll(RoiZip.read(set));
        if (rois.isEmpty()) {
            l.log("skipped " + tiff + ": no ROIs in its overlay and no ROI set " + baseName(tiff) + ".zip beside it");
            return null;
        }
        Volume image = VolumeImages.fromImagePlus(imp);
        try {
            return annotatedCase(baseName(tiff), image, rois, classes, l);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(tiff + ": " + e.getMessage(), e);
        }
    }

    /**
     * A stack outlined on some slices only: the ROIs' slices are its annotation, the rest are
     * left out of training and scoring (a log line says how many), not taught as background.
     */
    public static TrainingCase annotatedCase(String id, Volume image, List<Roi> rois, List<SegmentClass> classes,
                                             ProgressListener l) {
        LabelVolume labels = RoiLabels.fromRois(rois, image.geometry(), classes);
        boolean[] on = RoiLabels.annotatedSlices(rois, image.geometry());
        int n = 0;
        for (boolean b : on) if (b) n++;
        if (n == on.length) return new TrainingCase(id, image, labels);
        l.log(id + ": ROIs on " + n + " of " + on.length + " slices; the other " + (on.length - n)
                + " are unannotated, left out of training and validation");
        return new TrainingCase(id, image, labels, on);
    }

    private static boolean isTiff(Path p) {
        String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return Files.isRegularFile(p) && (n.endsWith(".tif") || n.endsWith(".tiff"));
    }

    private static String baseName(Path p) {
        return p.getFileName().toString().replaceFirst("(?i)\\.tiff?$", "");
    }

    private static Path roiSetBeside(Path tiff) {
        Path zip = tiff.resolveSibling(baseName(tiff) + ".zip");
        return Files.isRegularFile(zip) ? zip : null;
    }

    /** Classes 1..n with distinct colours; names come from the user, codes are unknown. */
    public static List<SegmentClass> classesNamed(List<String> names) {
        if (names == null || names.isEmpty()) throw new IllegalArgumentException("name the label classes (--class-names)");
        List<SegmentClass> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            out.add(new SegmentClass(i + 1, names.get(i), SegmentClass.hue(i + 1, names.size()),
                    SegmentClass.ANATOMICAL_STRUCTURE, new CodedConcept("", "", names.get(i))));
        }
        return out;
    }
}
