package org.atrous.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import org.atrous.dicom.CodedConcept;
import org.atrous.dicom.SegmentClass;
import org.atrous.model.ModelStore;
import org.atrous.model.Reorientation;
import org.atrous.model.train.TrainingCase;
import org.atrous.model.train.TrainingOrientation;
import org.atrous.crf.CrfMode;
import org.atrous.phantom.ObliquePhantom;
import org.atrous.phantom.PhantomOptions;
import org.atrous.progress.ProgressListener;
import org.atrous.pipeline.CaseList;
import org.atrous.pipeline.Evaluation;
import org.atrous.pipeline.Models;
import org.atrous.pipeline.Pipeline;
import org.atrous.pipeline.PipelineOptions;
import org.atrous.pipeline.TrainingSets;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/** {@code atrous evaluate}: Dice, HD95 and ASSD of a model on annotated cases. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Segments annotated cases with a model and scores each class: Dice, 95th-percentile",
                "Hausdorff distance and average symmetric surface distance in mm. Prints a table,",
                "writes CSV with --csv, prints lesion detection for lesion classes and Dice pooled over all",
                "cases' voxels (global dice <class>: <value>), and ends with one line per class:",
                "mean dice <class>: <value> (the mean over cases)."})
public final class EvaluateCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1") CaseSource source;
    @Spec CommandSpec spec;
    @Option(names = "--model", required = true, description = "model id or card") String model;
    @Option(names = "--labels", description = "folder of NIfTI or NRRD label maps named as the images (a NRRD "
            + "volume's may be its .seg.nrrd), with --images") Path labels;
    @Option(names = "--phantom-seed", defaultValue = "5000", description = "first phantom seed (default ${DEFAULT-VALUE}; training uses 1000..)") long seed;
    @Option(names = "--phantom-size", defaultValue = "256") int size;
    @Option(names = "--phantom-slices", defaultValue = "48") int slices;
    @Option(names = "--phantom-noise", defaultValue = "15", paramLabel = "SD", description = "noise SD of the phantoms in HU "
            + "(default ${DEFAULT-VALUE}), to see how a model holds up on quieter or noisier scans") double noiseSd;
    @Option(names = "--phantom-slice-spacing", defaultValue = "5", paramLabel = "MM", description = "slice spacing "
            + "and thickness of the phantoms (default ${DEFAULT-VALUE}), to see how a model holds up on thinner or "
            + "thicker slices; with --phantom-slices, keep spacing x slices for the same coverage") double sliceSpacing;
    @Option(names = "--phantom-tilt", defaultValue = "0", paramLabel = "DEG", description = "acquire the phantoms on "
            + "planes tilted this many degrees about the left-right axis (a gantry tilt, an oblique series), 0..45 "
            + "(default ${DEFAULT-VALUE})") double tiltDegrees;
    @Option(names = "--reorient", paramLabel = "CODE", description = "present every case turned to this orientation "
            + "(the patient directions of its columns, rows and slices, e.g. LIP for a coronal series, PIR for a "
            + "sagittal one), to see how a model holds up on series that are not axial") String reorient;
    @Option(names = "--crf", defaultValue = "off", description = "off, 2d or 3d (default ${DEFAULT-VALUE})") String crf;
    @Option(names = "--class-names", split = ",", paramLabel = "ROI[=CLASS]", description = "for cases labelled by "
            + "an RT Structure Set: the ROIs to score, each ROI=CLASS where its name is not the model's class "
            + "(e.g. Kidney_R=right kidney); default all, matched by name") List<String> roiNames;
    @Option(names = "--held-out", defaultValue = "0", description = "score only this last share of the cases in name "
            + "order: the cases `train --val-fraction` held out (default ${DEFAULT-VALUE} = all)") double heldOut;
    @Option(names = "--csv", description = "write per-case rows here") Path csv;
    @Option(names = "--lesions-csv", paramLabel = "FILE", description = "write one row per reference lesion and per "
            + "false-positive component of the lesion classes here (volume, diameter, IoU, Dice, found, centroid)")
    Path lesionsCsv;
    @Option(names = "--lesions", paramLabel = "CLASS", description = "also score this class lesion by lesion "
            + "(repeatable; default: every class whose category is Morphologically Altered Structure)") List<String> lesions;
    @Mixin CrfParamOptions crfParams = new CrfParamOptions();
    @Mixin ComponentOptions components = new ComponentOptions();
    @Mixin MirrorOption mirror = new MirrorOption();
    @Mixin ZoomOption zoom = new ZoomOption();
    @Mixin ReadingOptions reading = new ReadingOptions();

    /** The phantoms acquired on tilted planes ({@link ObliquePhantom}). */
    private List<TrainingCase> tilted(PhantomOptions template, CliProgress progress) {
        if (source.phantoms == null) {
            throw new ParameterException(spec.commandLine(), "--phantom-tilt needs --phantoms");
        }
        return TrainingSets.phantoms(template, seed, source.phantoms, new double[] {noiseSd, noiseSd},
                o -> ObliquePhantom.generate(o, tiltDegrees, ProgressListener.NONE), progress);
    }

    @Override
    public Integer call() throws Exception {
        crfParams.validate();
        mirror.validate();
        reading.validate();
        String turnTo = reorient == null ? null : UsageErrors.check(spec, "--reorient: ", () -> Reorientation.parse(reorient));
        if (!(tiltDegrees >= 0 && tiltDegrees <= 45)) {
            throw new ParameterException(spec.commandLine(), "--phantom-tilt: 0..45 degrees, not " + tiltDegrees);
        }
        ModelStore.LoadedModel m = Models.load(model);
        // options and class names are checked before any case is read
        PipelineOptions po = components.over(new PipelineOptions(CrfMode.parse(crf), crfParams.over(m.card().crfParams()), 8),
                m.card());
        Set<String> lesionClasses = lesionClasses(m.card().classes());
        CliProgress progress = new CliProgress("evaluate");
        PhantomOptions template = new PhantomOptions(0, size, slices, 0, sliceSpacing, sliceSpacing, -1, noiseSd, false);
        List<TrainingCase> loaded = heldOut(tiltDegrees > 0 ? tilted(template, progress)
                : source.load(template, seed, labels, roiNames, m.card().classes(), progress));
        List<TrainingCase> cases = turnTo == null ? loaded : CaseList.mapped(loaded, c -> TrainingOrientation.turn(c, turnTo));
        Pipeline p = new Pipeline(reading.over(zoom.over(mirror.over(Models.segmenter(m, 8)))), po);
        Evaluation.Result result = Evaluation.run(p, cases, lesionClasses, progress);
        List<Evaluation.Row> rows = result.rows();
        System.out.printf(Locale.ROOT, "%-24s %-16s %7s %9s %9s%n", "case", "class", "dice", "hd95 mm", "assd mm");
        for (Evaluation.Row r : rows) {
            System.out.printf(Locale.ROOT, "%-24s %-16s %7.4f %9.2f %9.2f%n", r.caseId(), r.className(), r.dice(),
                    r.hd95Mm(), r.assdMm());
        }
        if (csv != null) Files.writeString(csv, Evaluation.csv(rows), StandardCharsets.UTF_8);
        if (lesionsCsv != null) Files.writeString(lesionsCsv, Evaluation.lesionCsv(result.lesions()), StandardCharsets.UTF_8);
        for (String c : lesionClasses) System.out.println(Evaluation.lesionSummary(result.lesions(), c));
        Set<String> classes = new LinkedHashSet<>();
        rows.forEach(r -> classes.add(r.className()));
        for (String c : classes) {
            System.out.printf(Locale.ROOT, "global dice %s: %.4f%n", c, Evaluation.globalDice(rows, c));
        }
        for (String c : classes) {
            System.out.printf(Locale.ROOT, "mean dice %s: %.4f%n", c, Evaluation.mean(rows, c, Evaluation.Row::dice));
        }
        return 0;
    }

    /** By code, not meaning: cards may spell the meaning differently. */
    private static boolean isAbnormal(SegmentClass c) {
        CodedConcept a = SegmentClass.MORPHOLOGICALLY_ABNORMAL;
        return c.category() != null && a.value().equals(c.category().value()) && a.scheme().equals(c.category().scheme());
    }

    /** The classes given with --lesions (each must be the model's), else its abnormal structures. */
    private Set<String> lesionClasses(List<SegmentClass> classes) {
        Set<String> out = new LinkedHashSet<>();
        if (lesions == null) {
            for (SegmentClass c : classes) {
                if (isAbnormal(c)) out.add(c.name());
            }
            return out;
        }
        for (String name : lesions) {
            if (classes.stream().noneMatch(c -> c.name().equals(name))) {
                throw new ParameterException(spec.commandLine(), "--lesions: the model has no class '" + name + "'");
            }
            out.add(name);
        }
        return out;
    }

    /** The same split as {@code train}: the last round(n · share) cases in name order. */
    private List<TrainingCase> heldOut(List<TrainingCase> all) {
        if (heldOut <= 0) return all;
        if (heldOut > 1) throw new IllegalArgumentException("--held-out is a share in (0, 1], not " + heldOut);
        int n = Math.max(1, (int) Math.round(all.size() * heldOut));
        System.err.println("evaluating the last " + n + " of " + all.size() + " cases in name order");
        return all.subList(all.size() - n, all.size());
    }
}
