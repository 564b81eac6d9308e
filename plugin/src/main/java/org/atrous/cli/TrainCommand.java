package org.atrous.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.atrous.dicom.SegmentClass;
import org.atrous.model.DeepLabBuilder;
import org.atrous.model.DeepLabConfig;
import org.atrous.model.IntensityWindow;
import org.atrous.crf.CrfOverrides;
import org.atrous.crf.CrfParams;
import org.atrous.model.ModelCard;
import org.atrous.model.ModelStore;
import org.atrous.model.Preprocessing;
import org.atrous.model.SliceAxis;
import org.atrous.model.train.Augmentation;
import org.atrous.model.train.InputWidening;
import org.atrous.model.train.LearningRateSchedule;
import org.atrous.model.train.Trainer;
import org.atrous.model.train.TrainingCase;
import org.atrous.model.train.TrainingModality;
import org.atrous.model.train.TrainingReading;
import org.atrous.model.train.TrainingOptions;
import org.atrous.phantom.PhantomOptions;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.atrous.pipeline.CaseList;
import org.atrous.pipeline.Models;
import org.atrous.pipeline.TrainingStart;
import org.atrous.pipeline.TrainingSets;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atrous train}: trains a DeepLab model and writes its weights and model card. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a DeepLab segmentation model on annotated volumes and writes OUT/ID.zip",
                "(weights) and OUT/ID.json (model card with validation Dice). Checkpoints go to",
                "OUT/.checkpoints-ID; running the same command again resumes from them."})
public final class TrainCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @ArgGroup(exclusive = true, multiplicity = "1") CaseSource source;
    @Option(names = "--labels", description = "folder of NIfTI or NRRD label maps named as the images (a NRRD "
            + "volume's may be its .seg.nrrd)") Path labels;
    @Option(names = "--class-names", split = ",", description = "class names for labels 1..n (NIfTI input), or the RT "
            + "Structure Set ROIs to train on, by name, each ROI=CLASS to name its class otherwise (DICOM input)")
    List<String> classNames;
    @Option(names = "--class-set", description = "named class table for NIfTI labels: msd-hippocampus") String classSet;
    @Option(names = "--licence", description = "licence and attribution of the training data, for the model card") String dataLicence;
    @Option(names = "--val-phantoms", defaultValue = "3", description = "validation phantoms (default ${DEFAULT-VALUE})") int valPhantoms;
    @Option(names = "--phantom-seed", defaultValue = "1000", description = "first training phantom seed") long phantomSeed;
    @Option(names = "--phantom-size", defaultValue = "256") int phantomSize;
    @Option(names = "--phantom-slices", defaultValue = "48") int phantomSlices;
    @Option(names = "--phantom-tumours", defaultValue = "-1", description = "liver tumours per training phantom, "
            + "0..4, or -1 for a random count (default); validation phantoms always have a random count") int phantomTumours;
    @Option(names = "--phantom-noise", paramLabel = "SD|LO:HI", defaultValue = "15", description = "noise SD in HU of "
            + "the training phantoms, or a range each phantom's SD is drawn from uniformly (default ${DEFAULT-VALUE}); "
            + "validation phantoms keep 15") String phantomNoise;
    @Option(names = "--val-fraction", defaultValue = "0.2", description = "held-out share of cases, the last in name order (DICOM, NIfTI, ImageJ)") double valFraction;
    @Option(names = "--val-cases", defaultValue = "0", description = "validate each epoch on this many held-out cases, "
            + "evenly spaced (0 = all); a cheaper epoch where validating is slow") int valCases;
    @Option(names = "--arch", defaultValue = "compact", description = "architecture (default ${DEFAULT-VALUE})") String arch;
    @Option(names = "--id", required = true, description = "model id, also the file names") String id;
    @Option(names = "--model-version", defaultValue = "1.0.0") String version;
    @Option(names = "--out", defaultValue = "model-zoo", description = "where weights and card go") Path out;
    @Option(names = "--windows", split = ",", description = "HU windows centre:width, one channel each (CT)") List<String> windows;
    @Option(names = "--zscore", description = "z-score normalisation per volume (MR)") boolean zscore;
    @Option(names = "--modality", description = "the DICOM modality the model is for, e.g. MR, named on its card "
            + "(default: the training series' own when they share one, else the starting model's)") String modality;
    @Option(names = "--spacing", defaultValue = "0", description = "in-plane spacing (mm) to train at; 0 keeps") double spacing;
    @Option(names = "--context", defaultValue = "0", description = "neighbouring slices per side as channels (2.5D)") int context;
    @Option(names = "--slice-axis", defaultValue = "z", description = "volume axis slices are taken across: z (the "
            + "series' own slices), x or y, for a view of a multi-view ensemble (default ${DEFAULT-VALUE})") String sliceAxis;
    @Option(names = "--epochs", defaultValue = "20") int epochs;
    @Option(names = "--iters", defaultValue = "50", description = "minibatches per epoch") int iters;
    @Option(names = "--batch", defaultValue = "8") int batch;
    @Option(names = "--patch", defaultValue = "128") int patch;
    @Option(names = "--lr", defaultValue = "0.002") double lr;
    @Option(names = "--weight-decay", defaultValue = "0.0001") double weightDecay;
    @Option(names = "--dice-weight", defaultValue = "1.0") double diceWeight;
    @Option(names = "--oversample", defaultValue = "0.5", description = "share of patches centred on a foreground class") double oversample;
    @Option(names = "--class-weight", description = "NAME=W: chance weight of a foreground class as the centre of an "
            + "oversampled patch (default 1 each), e.g. \"liver tumour=4\"; repeatable") Map<String, Double> classWeights;
    @Option(names = "--loss-weight", description = "NAME=W: cross-entropy weight of a foreground class (default 1 "
            + "each), e.g. \"liver tumour=3\": a missed pixel of it costs W times; repeatable") Map<String, Double> lossWeights;
    @Option(names = "--per-lesion", paramLabel = "CLASS", description = "centre this class's oversampled patches on its "
            + "connected components drawn uniformly, so small lesions are seen as often as large ones (default: "
            + "by slice, so in proportion to size); repeatable") List<String> perLesion;
    @Option(names = "--select-classes", paramLabel = "CLASS", split = ",", description = "keep the epoch with the best "
            + "mean validation Dice over these classes (default: all classes), e.g. for a region zoom's model")
    List<String> selectClasses;
    @Option(names = "--noise-sd", defaultValue = "0.05", description = "largest added noise SD in normalised units "
            + "(default ${DEFAULT-VALUE}: 20 HU in a W400 window)") double noiseSd;
    @Option(names = "--init", description = "start from this model's weights (zoo id or card) instead of random: "
            + "same architecture; more context slices or added HU windows widen its input; other classes re-map its "
            + "classifier (a class it has, by name or SNOMED code, keeps its kernel; a new one starts fresh)") String init;
    @Option(names = "--elastic", defaultValue = "0", description = "largest elastic displacement in patch pixels "
            + "(default 0: none); each patch draws a smooth random field up to it") double elastic;
    @Option(names = "--elastic-sigma", defaultValue = "10", description = "smoothness of the elastic field in "
            + "patch pixels (default ${DEFAULT-VALUE})") double elasticSigma;
    @Option(names = "--magnify", defaultValue = "1", description = "largest magnification of a training patch: above "
            + "1, half the patches are enlarged by up to this factor, for a card that zooms into a region "
            + "(regionZoom); 1 = none (default)") double magnify;
    @Option(names = "--schedule", defaultValue = "poly", description = "learning-rate decay: poly (DeepLab's, "
            + "power 0.9) or cosine (default ${DEFAULT-VALUE})") String schedule;
    @Option(names = "--flip", description = "left-right flips (only where no class is lateral)") boolean flip;
    @Option(names = "--patience", defaultValue = "0", description = "early stop after N epochs without improvement") int patience;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--width", defaultValue = "1.0", description = "width multiplier of the backbone") double width;
    @Option(names = "--refine", paramLabel = "N", description = "channels of a stride-2 refinement after the v3+ "
            + "decoder, for finer outlines of thin structures; 0: none (default: the --init model's, else 0); "
            + "from an --init model without one, it is added with its correction starting at zero") Integer refine;

    @Override
    public Integer call() throws Exception {
        Preprocessing asked = preprocessing();
        // option errors surface before minutes of data loading
        LearningRateSchedule decay = UsageErrors.check(spec, "--schedule: ", () -> LearningRateSchedule.parse(schedule));
        Augmentation aug = UsageErrors.check(spec, "--elastic, --magnify: ",
                () -> Augmentation.standard(flip, noiseSd).withElastic(elastic, elasticSigma).withMagnification(magnify));
        double[] noise = UsageErrors.check(spec, "--phantom-noise: ", () -> noiseRange(phantomNoise));
        CliProgress progress = new CliProgress("training");
        ModelStore.LoadedModel from = init == null ? null : Models.load(init);
        List<TrainingCase> train, val;
        List<SegmentClass> classes;
        String data;
        if (source.phantoms != null) {
            train = TrainingSets.phantoms(new PhantomOptions(0, phantomSize, phantomSlices, 0, 5, 5, phantomTumours, 15,
                    false), phantomSeed, source.phantoms, noise, progress);
            PhantomOptions t = new PhantomOptions(0, phantomSize, phantomSlices, 0, 5, 5, -1, 15, false);
            val = TrainingSets.phantoms(t, phantomSeed + 100_000, valPhantoms, progress);
            classes = train.get(0).labels().classes();
            data = String.format(Locale.ROOT, "%d synthetic abdominal CT phantoms (seeds %d..%d, %dx%dx%d%s), "
                    + "validated on %d (seeds from %d)", source.phantoms, phantomSeed, phantomSeed + source.phantoms - 1,
                    phantomSize, phantomSize, phantomSlices, (phantomTumours < 0 ? "" : ", " + phantomTumours + " tumours each")
                    + (noise[0] == 15 && noise[1] == 15 ? "" : String.format(Locale.ROOT, ", noise %s HU", phantomNoise)),
                    valPhantoms, phantomSeed + 100_000);
        } else {
            // training samples every case again and again: all are read now
            List<TrainingCase> all = CaseList.readAll(source.load(null, 0, labels, classNames, classSet(), progress),
                    progress);
            // a SEG may spell or number the starting model's classes its own way; other classes
            // than the model's give it a re-mapped classifier instead (ClassRemapping)
            if (from != null) all = TrainingStart.inModelClassesIfSame(all, from.card().classes(), progress);
            if (all.size() < 2) throw new IllegalArgumentException("need at least 2 annotated cases, found " + all.size());
            int nVal = Math.max(1, (int) Math.round(all.size() * valFraction));
            // a fixed split: the last cases in name order validate, so reruns compare alike
            train = all.subList(0, all.size() - nVal);
            val = evenlySpaced(all.subList(all.size() - nVal, all.size()), valCases);
            classes = all.get(0).labels().classes();
            data = all.size() + " cases from " + source.describe()
                    + ", last " + nVal + " in name order held out"
                    + (val.size() < nVal ? ", " + val.size() + " of them validated every epoch" : "");
        }
        // the model learns one orientation and (2.5D) one slice spacing, which its card names
        TrainingReading reading = TrainingReading.of(asked, train,
                from == null ? null : from.card().preprocessing().orientation(),
                from == null ? 0 : Models.preprocessing(from.card()).sliceSpacingMm());
        Preprocessing pre = reading.over(asked);
        if (reading.sliceSpacingMm() > 0) {
            System.err.printf(Locale.ROOT, "training at %.2f mm slices (cases at %s mm)%n", reading.sliceSpacingMm(),
                    reading.caseSpacings());
        }
        train = reading.train();
        val = reading.apply(val);
        String orientation = reading.orientation();
        double[] extent = reading.extentMm(from != null,
                from == null ? null : from.card().preprocessing().trainingExtentMm());
        String trainedOn = TrainingModality.choose(train, modality,
                from == null ? null : from.card().preprocessing().impliedModality());
        int refineChannels = refine != null ? refine : from == null ? 0 : from.card().architecture().refineChannels();
        DeepLabConfig config = UsageErrors.check(spec, "--refine: ", () -> buildable(DeepLabConfig.forArchitecture(arch)
                .classes(classes.size() + 1).inputChannels(pre.channels()).inputSize(patch).widthMultiplier(width)
                .refineChannels(refineChannels).build()));
        Path checkpoints = out.resolve(".checkpoints-" + id);
        TrainingOptions o = new TrainingOptions(epochs, iters, batch, patch, lr, decay, weightDecay, diceWeight,
                oversample, aug, patience, seed, checkpoints);
        Trainer trainer = new Trainer(pre, classes, o).classWeights(classWeights == null ? Map.of() : classWeights)
                .lossWeights(lossWeights == null ? Map.of() : lossWeights)
                .perLesion(perLesion == null ? List.of() : perLesion)
                .selectBy(selectClasses == null ? List.of() : selectClasses);
        ComputationGraph start;
        if (init == null) {
            start = new DeepLabBuilder(config).seed(seed).build();
        } else {
            checkInitial(from, config);
            TrainingStart t = TrainingStart.from(from, config, pre, classes, seed);
            start = t.graph();
            data += t.description();
        }
        System.err.println("training " + arch + " on " + train.size() + " cases, validating on " + val.size()
                + (init == null ? "" : ", starting from " + init));
        Trainer.Result r = trainer.train(start, train, val, progress);
        Map<String, Double> metrics = new LinkedHashMap<>();
        double[] dice = r.state().history.get(r.state().bestEpoch - 1).validationDice();
        for (int i = 0; i < classes.size(); i++) {
            if (!Double.isNaN(dice[i])) metrics.put("validation dice " + classes.get(i).name(), round(dice[i]));
        }
        metrics.put("best epoch", (double) r.state().bestEpoch);
        ModelCard card = new ModelCard(id, version, config, classes, Models.cardPreprocessing(pre, patch, orientation, trainedOn, extent),
                new ModelCard.TrainingData(data, trainingCommand(), licence()), metrics, null, null)
                .withCrf(CrfOverrides.boxOnly(CrfParams.FOREGROUND_BOX_MARGIN_MM)); // the CRF refines the organs' box only
        Path cardFile = ModelStore.save(r.graph(), card, out);
        System.out.println("model written: " + cardFile);
        metrics.forEach((k, v) -> System.out.println(k + ": " + v));
        return 0;
    }

    /**
     * Refuses the --init model unless it fits the model being trained; other classes are
     * fine (its class-scoring layers are re-mapped).
     */
    private void checkInitial(ModelStore.LoadedModel m, DeepLabConfig config) {
        DeepLabConfig c = m.card().architecture();
        if (c.inputChannels() != config.inputChannels()
                && InputWidening.channelMap(Models.preprocessing(m.card()), preprocessing()) == null) {
            throw new IllegalArgumentException("--init " + init + " has " + c.inputChannels() + " input channels; training "
                    + "needs " + config.inputChannels() + ", and only more context slices or HU windows added after "
                    + "its own can start from it");
        }
        if (c.widthMultiplier() != config.widthMultiplier()
                || c.backbone() != config.backbone() || c.decoder() != config.decoder()) {
            throw new IllegalArgumentException("--init " + init + " is " + describe(c) + "; training needs " + describe(config));
        }
        if (c.refineChannels() != config.refineChannels() && c.refineChannels() != 0) {
            throw new IllegalArgumentException("--init " + init + " has a stride-2 refinement of " + c.refineChannels()
                    + " channels; training asks for " + config.refineChannels() + " (a refinement can only be added)");
        }
    }

    /** {@code c}, once its graph could be wired: a refinement on a backbone without stride-2 features fails here. */
    private static DeepLabConfig buildable(DeepLabConfig c) {
        new DeepLabBuilder(c).configuration();
        return c;
    }

    private static String describe(DeepLabConfig c) {
        return c.backbone() + " " + c.decoder() + " width " + c.widthMultiplier() + " with " + c.inputChannels()
                + " input channels";
    }

    /** "SD" or "LO:HI" in HU, as {lo, hi}. */
    static double[] noiseRange(String spec) {
        String[] parts = spec.trim().split(":");
        if (parts.length > 2) throw new IllegalArgumentException("expected SD or LO:HI in HU, got '" + spec + "'");
        double lo, hi;
        try {
            lo = Double.parseDouble(parts[0]);
            hi = parts.length == 2 ? Double.parseDouble(parts[1]) : lo;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected SD or LO:HI in HU, got '" + spec + "'");
        }
        if (!(lo >= 0) || !(hi >= lo) || hi > 100) throw new IllegalArgumentException("need 0 <= LO <= HI <= 100, got '" + spec + "'");
        return new double[] {lo, hi};
    }

    private Preprocessing preprocessing() {
        List<IntensityWindow> w = new ArrayList<>();
        if (windows != null) {
            for (String s : windows) {
                w.add(UsageErrors.check(spec, "--windows: ", () -> IntensityWindow.parse(s)));
            }
        }
        // training sees patches; validation, like inference, sees whole slices up to 512 px at once
        SliceAxis axis = UsageErrors.check(spec, "--slice-axis: ", () -> SliceAxis.parse(sliceAxis));
        return UsageErrors.check(spec, "--windows, --zscore, --spacing or --context: ",
                () -> new Preprocessing(w, zscore, spacing, Models.INFERENCE_TILE, 8, context, axis));
    }

    /** The command line that retrains this model, for the card (arguments with spaces quoted). */
    private String trainingCommand() {
        if (spec == null) return "see the model card's README in model-zoo/";
        StringBuilder b = new StringBuilder("bin/atrous train");
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        // picocli hands a subcommand the whole command line, its own name first
        if (!args.isEmpty() && args.get(0).equals(spec.name())) args = args.subList(1, args.size());
        for (String a : args) {
            b.append(' ').append(a.matches("[\\w@%+=:,./-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return b.toString();
    }

    private java.util.List<SegmentClass> classSet() {
        if (classSet == null) return null;
        if (classSet.equals("msd-hippocampus")) return org.atrous.dicom.NiftiToDicom.HIPPOCAMPUS_CLASSES;
        throw new IllegalArgumentException("unknown --class-set " + classSet + "; known: msd-hippocampus");
    }

    private String licence() {
        if (dataLicence != null) return dataLicence;
        return source.phantoms != null ? "synthetic data, no restriction" : "as the training data's licence";
    }

    /** {@code n} cases spread evenly over the list (all when n is 0 or not smaller). */
    static List<TrainingCase> evenlySpaced(List<TrainingCase> cases, int n) {
        if (n <= 0 || n >= cases.size()) return cases;
        List<TrainingCase> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(cases.get((int) ((long) i * cases.size() / n)));
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
