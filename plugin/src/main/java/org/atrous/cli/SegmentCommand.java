package org.atrous.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import org.atrous.dicom.NiftiReader;
import org.atrous.dicom.NrrdReader;
import org.atrous.dicom.RejectedFile;
import org.atrous.dicom.SegmentationAlgorithm;
import org.atrous.dicom.SeriesReadResult;
import org.atrous.dicom.SeriesReader;
import org.atrous.dicom.Volume;
import org.atrous.model.Segmenter;
import org.atrous.model.ModelStore;
import org.atrous.crf.CrfMode;
import org.atrous.pipeline.Models;
import org.atrous.pacs.PacsNode;
import org.atrous.pacs.PacsStore;
import org.atrous.pipeline.OutputKind;
import org.atrous.pipeline.Pipeline;
import org.atrous.pipeline.PipelineOptions;
import org.atrous.dicom.VoxelBox;
import org.atrous.pipeline.PipelineResult;
import org.atrous.pipeline.SeriesOutputs;
import org.atrous.roi.ClassMeasurement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atrous segment}: segments every series found under the input and writes its results. */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = {"Segments DICOM series (or a NIfTI or NRRD image) with a model from the zoo (or a model card)",
                "and writes, per series: seg.dcm, rtstruct.dcm, rois.zip, labels.nii.gz, probabilities.nii.gz,",
                "stats.csv, preview.png and image.tif (for NIfTI or NRRD input all but the DICOM objects).",
                "One series goes to OUT itself, several to OUT/<n>-<SeriesInstanceUID>."})
public final class SegmentCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "model id in the zoo, or a model card (.json)") String model;
    @Option(names = "--input", required = true, description = "DICOM file, folder or DICOMDIR, or a NIfTI "
            + "(.nii, .nii.gz) or NRRD image (CT in HU)") Path input;
    @Option(names = "--out", required = true, description = "output folder") Path out;
    @Option(names = "--crf", description = "off, 2d, 3d or model (default: the model card's mode, else 3d)") String crf;
    @Mixin CrfParamOptions crfParams = new CrfParamOptions();
    @Mixin ComponentOptions components = new ComponentOptions();
    @Mixin MirrorOption mirror = new MirrorOption();
    @Mixin ZoomOption zoom = new ZoomOption();
    @Mixin ReadingOptions reading = new ReadingOptions();
    @Mixin StoreOption store = new StoreOption();
    @Spec CommandSpec spec;

    @Option(names = "--outputs", split = ",", description = "subset of: seg, sr (needs seg), rtstruct, rois, nifti, probabilities, probability-seg "
            + "(deflated) or probability-seg-uncompressed, stats, components, preview, tiff (default all but the probability SEG)")
    List<String> outputs;
    @Option(names = "--batch", defaultValue = "8", description = "slices per network call") int batch;
    @Option(names = "--region", paramLabel = "X0:X1,Y0:Y1,Z0:Z1", description = "segment only this block of voxels"
            + " (columns, rows, slices from 0 as read; ends exclusive; an empty side is the edge, e.g. 100:300,120:320,:),"
            + " the rest background: for a model trained on crops around its structures, such as the hippocampus"
            + " in a whole-brain MR") String region;
    @Option(names = "--lesion-segments", description = "one SEG segment, RT Structure Set ROI and SR measurement group "
            + "per lesion (\"liver tumour #1\" from the largest down, as in components.csv)") boolean lesionSegments;

    @Override
    public Integer call() throws Exception {
        Models.crfOption(crf); // a bad mode fails before the model loads
        crfParams.validate();
        mirror.validate();
        reading.validate();
        Set<OutputKind> kinds = UsageErrors.check(spec, "--outputs: ", this::kinds);
        PacsNode pacs = store.node(spec);
        VoxelBox box = region == null ? null : UsageErrors.check(spec, "--region: ", () -> VoxelBox.parse(region));
        ModelStore.LoadedModel m = Models.load(model);
        CrfMode mode = Models.crfMode(crf, m.card());
        PipelineOptions po = components.over(new PipelineOptions(mode, crfParams.over(m.card().crfParams()), batch), m.card())
                .withRegion(box);
        CliProgress progress = new CliProgress("segment");
        List<RejectedFile> rejected = new java.util.ArrayList<>();
        List<Volume> series = volumes(progress, rejected);
        if (series.isEmpty()) {
            System.err.println("no readable image series under " + input);
            return 1;
        }
        Segmenter segmenter = reading.over(zoom.over(mirror.over(Models.segmenter(m, batch))));
        Pipeline pipeline = new Pipeline(segmenter, po);
        SegmentationAlgorithm algo = Models.algorithm(m, mode, po.crfParams().iterations(), po.minComponentMl(),
                segmenter.regionZoom(), po.largestComponentOnly()).withMoreDescription(reading.note())
                .withMoreDescription(box == null ? null : "; voxels " + box + " only");
        int failed = 0;
        for (int i = 0; i < series.size(); i++) {
            Volume v = series.get(i);
            Path dir = series.size() == 1 ? out : out.resolve((i + 1) + "-" + name(v));
            try {
                long t0 = System.nanoTime();
                PipelineResult r = pipeline.run(v, progress);
                SeriesOutputs.write(r, algo, kinds, dir, lesionSegments).forEach(w -> System.err.println("warning: " + w));
                report(v, r, dir, (System.nanoTime() - t0) / 1e9);
                if (pacs != null && !stored(pacs, dir)) failed++;
            } catch (RuntimeException | java.io.IOException e) {
                failed++;
                System.err.println("failed " + name(v) + ": " + e.getMessage());
            }
        }
        return failed == 0 && rejected.isEmpty() ? 0 : 1;
    }

    /**
     * The volumes to segment: a NIfTI or NRRD image as it is (research datasets and NIfTI
     * pipelines keep CT in HU as NIfTI, 3D Slicer as NRRD; no DICOM objects can be written for
     * it), else every DICOM series found.
     */
    private List<Volume> volumes(CliProgress progress, List<RejectedFile> rejected) throws java.io.IOException {
        if (Files.isRegularFile(input) && NiftiReader.isNifti(input)) return List.of(NiftiReader.read(input));
        if (Files.isRegularFile(input) && NrrdReader.isNrrd(input)) return List.of(NrrdReader.readImage(input));
        SeriesReadResult read = new SeriesReader().read(input, progress);
        rejected.addAll(read.rejected());
        for (RejectedFile r : read.rejected()) System.err.println("rejected " + org.atrous.dicom.ZipInputs.display(r.path()) + ": " + r.reason());
        for (org.atrous.dicom.SeriesPart l : read.localizers()) {
            System.err.println("left out " + l.name() + " (" + l.description() + "): a localizer beside its series' volume");
        }
        return read.segmentable().stream().map(org.atrous.dicom.SeriesPart::volume).toList();
    }

    /** Sends the series' DICOM outputs; false (with the reasons on standard error) when some were not stored. */
    private static boolean stored(PacsNode pacs, Path dir) {
        List<PacsStore.Outcome> outcomes = PacsStore.send(pacs, SeriesOutputs.dicomObjects(dir));
        boolean all = !outcomes.isEmpty() && outcomes.stream().allMatch(PacsStore.Outcome::stored);
        (all ? System.out : System.err).println(outcomes.isEmpty() ? "nothing to store: no DICOM outputs in " + dir
                : PacsStore.summary(pacs, outcomes));
        return all;
    }

    private Set<OutputKind> kinds() {
        if (outputs == null) return OutputKind.defaults();
        Set<OutputKind> k = EnumSet.noneOf(OutputKind.class);
        for (String s : outputs) k.add(OutputKind.parse(s));
        return OutputKind.checked(k);
    }

    /** How a volume is named in messages: its Series Instance UID, or for a NIfTI image its file. */
    private String name(Volume v) {
        String uid = v.identity().seriesInstanceUid();
        return uid.isEmpty() ? input.getFileName().toString() : uid;
    }

    private void report(Volume v, PipelineResult r, Path dir, double seconds) {
        int[] d = v.geometry().dims();
        System.out.printf(Locale.ROOT, "%s %dx%dx%d: inference %.1f s, CRF %.1f s, total %.1f s → %s%n",
                name(v), d[0], d[1], d[2], r.inferenceSeconds(), r.crfSeconds(), seconds, dir);
        for (ClassMeasurement c : r.measurements()) {
            System.out.printf(Locale.ROOT, "  %-14s %9.2f mL  %3d components  mean %7.1f%n", c.name(), c.volumeMl(),
                    c.components(), c.meanValue());
        }
    }
}
