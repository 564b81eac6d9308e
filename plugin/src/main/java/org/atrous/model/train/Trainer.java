package org.atrous.model.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.atrous.dicom.SegmentClass;
import org.atrous.model.GraphClassifier;
import org.atrous.model.OverlapMetrics;
import org.atrous.model.Preprocessing;
import org.atrous.model.Segmentation;
import org.atrous.model.Segmenter;
import org.atrous.progress.ProgressListener;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Trains a segmentation graph on 2D patches from annotated volumes: cross-entropy + soft Dice,
 * AdamW with poly (DeepLab's) or cosine learning-rate decay, validation Dice on whole held-out volumes
 * after every epoch, early stopping, and a checkpoint after every epoch from which a stopped
 * run resumes exactly (every epoch draws its patches from a generator seeded by seed and epoch).
 */
public final class Trainer {

    public static final String LAST = "last.zip", BEST = "best.zip", STATE = "state.json";
    /** NaN marks a class no validation case holds; JSON has no NaN, so allow Jackson's extension. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);

    private final Preprocessing pre;
    private final List<SegmentClass> classes;
    private final TrainingOptions o;
    private final Map<String, Double> classWeights = new LinkedHashMap<>();
    private final Map<String, Double> lossWeights = new LinkedHashMap<>();
    private final Set<String> perLesion = new LinkedHashSet<>();
    private final Set<Integer> selectBy = new LinkedHashSet<>();

    public Trainer(Preprocessing pre, List<SegmentClass> classes, TrainingOptions options) {
        this.pre = pre;
        this.classes = List.copyOf(classes);
        this.o = options;
    }

    /**
     * Weights of foreground classes, by name, when choosing the class an oversampled patch is
     * centred on (1 for those not named): for example "liver tumour" 4 so small tumours are
     * seen as often as an organ is.
     */
    public Trainer classWeights(Map<String, Double> weights) {
        weights.keySet().forEach(this::classIndex); // unknown names fail now, before data loads
        classWeights.putAll(weights);
        return this;
    }

    /**
     * Cross-entropy weights of foreground classes, by name (1 for those not named, and for the
     * background): for example "liver tumour" 3, so a tumour pixel called liver costs three
     * times a liver pixel called tumour ({@link DiceCrossEntropyLoss}).
     */
    public Trainer lossWeights(Map<String, Double> weights) {
        weights.forEach((name, w) -> {
            classIndex(name);
            if (!(w > 0) || !Double.isFinite(w)) throw new IllegalArgumentException("loss weight of " + name + ": " + w);
        });
        lossWeights.putAll(weights);
        return this;
    }

    /**
     * Classes whose oversampled patches centre on a connected component drawn uniformly, so
     * small lesions are seen as often as large ones ({@link PatchSampler#perLesion}).
     */
    public Trainer perLesion(Collection<String> classNames) {
        classNames.forEach(this::classIndex);
        perLesion.addAll(classNames);
        return this;
    }

    /**
     * Classes whose mean validation Dice chooses the best epoch (all classes when none are
     * named): a model meant for one task, such as a region zoom's second look at tumours, is
     * judged on that task, not on organs another look segments.
     */
    public Trainer selectBy(Collection<String> classNames) {
        classNames.forEach(name -> selectBy.add(classIndex(name)));
        return this;
    }

    /** Per class, background first; null when no class is weighted. */
    private double[] ceWeights() {
        if (lossWeights.isEmpty()) return null;
        double[] w = new double[classes.size() + 1];
        java.util.Arrays.fill(w, 1);
        lossWeights.forEach((name, v) -> w[classIndex(name)] = v);
        return w;
    }

    private int classIndex(String name) {
        for (int i = 0; i < classes.size(); i++) {
            if (classes.get(i).name().equalsIgnoreCase(name)) return i + 1;
        }
        throw new IllegalArgumentException("no class \"" + name + "\"; classes: "
                + classes.stream().map(SegmentClass::name).toList());
    }

    /** The trained graph (best validation epoch) and the run's history. */
    public record Result(ComputationGraph graph, TrainingState state) { }

    public Result train(ComputationGraph initial, List<TrainingCase> train, List<TrainingCase> validation,
                        ProgressListener listener) throws IOException {
        Files.createDirectories(o.checkpointDir());
        TrainingState state = new TrainingState();
        state.seed = o.seed();
        ComputationGraph graph;
        if (Files.exists(o.checkpointDir().resolve(STATE)) && Files.exists(o.checkpointDir().resolve(LAST))) {
            state = JSON.readValue(o.checkpointDir().resolve(STATE).toFile(), TrainingState.class);
            graph = ModelSerializer.restoreComputationGraph(o.checkpointDir().resolve(LAST).toFile(), true);
            listener.log("resuming after epoch " + state.epochsDone + " (best mean Dice "
                    + fmt(state.bestDice) + " at epoch " + state.bestEpoch + ")");
        } else {
            graph = prepare(initial);
        }
        // patches come from the axis' view; validation segments whole volumes, which views them itself
        List<TrainingCase> viewed = train.stream().map(c -> c.viewedAlong(pre.sliceAxis())).toList();
        PatchSampler sampler = new PatchSampler(viewed, pre, classes.size() + 1, o.patchSize(), o.oversample(),
                o.augmentation());
        classWeights.forEach((name, w) -> sampler.classWeight(classIndex(name), w));
        for (String name : perLesion) {
            int cls = classIndex(name);
            sampler.perLesion(cls);
            listener.log("sampling " + name + " per lesion: " + sampler.lesionCount(cls) + " lesions in the training cases");
        }
        int stale = state.epochsDone - Math.max(0, state.bestEpoch);
        for (int epoch = state.epochsDone + 1; epoch <= o.epochs(); epoch++) {
            EpochRecord rec = runEpoch(graph, sampler, validation, epoch, listener);
            state.history.add(rec);
            state.epochsDone = epoch;
            boolean better = rec.meanDice() > state.bestDice;
            if (better) {
                state.bestDice = rec.meanDice();
                state.bestEpoch = epoch;
                stale = 0;
            } else {
                stale++;
            }
            checkpoint(graph, state, better);
            listener.log(String.format(Locale.ROOT, "epoch %d/%d loss %.4f validation Dice %s mean %.4f%s (%.0f s)",
                    epoch, o.epochs(), rec.loss(), java.util.Arrays.toString(round(rec.validationDice())),
                    rec.meanDice(), better ? " best" : "", rec.seconds()));
            if (o.patience() > 0 && stale >= o.patience()) {
                listener.log("early stop: no better validation Dice for " + stale + " epochs");
                break;
            }
        }
        ComputationGraph best = ModelSerializer.restoreComputationGraph(o.checkpointDir().resolve(BEST).toFile(), false);
        return new Result(best, state);
    }

    /** Puts our loss on the output layer and AdamW with the options' decay on every layer. */
    ComputationGraph prepare(ComputationGraph graph) {
        Layer out = graph.getOutputLayer(0);
        if (!(out.conf().getLayer() instanceof CnnLossLayer loss)) {
            throw new IllegalArgumentException("the graph must end in a CnnLossLayer, not " + out.conf().getLayer());
        }
        loss.setLossFn(new DiceCrossEntropyLoss(o.diceWeight(), ceWeights()));
        long total = (long) o.epochs() * o.itersPerEpoch();
        FineTuneConfiguration ft = new FineTuneConfiguration.Builder()
                .updater(new Adam(o.schedule().schedule(o.learningRate(), (int) total)))
                .weightDecay(o.weightDecay(), true)
                .seed(o.seed())
                .build();
        return new TransferLearning.GraphBuilder(graph).fineTuneConfiguration(ft).build();
    }

    private EpochRecord runEpoch(ComputationGraph graph, PatchSampler sampler, List<TrainingCase> validation,
                                 int epoch, ProgressListener listener) {
        long start = System.nanoTime();
        SplittableRandom rnd = new SplittableRandom(o.seed() * 1_000_003L + epoch);
        Nd4j.getRandom().setSeed(o.seed() + epoch);
        int ch = pre.channels(), p = o.patchSize(), b = o.batchSize(), k = classes.size() + 1;
        double lossSum = 0;
        for (int it = 0; it < o.itersPerEpoch(); it++) {
            listener.checkCanceled();
            float[][] batch = sampler.batch(rnd, b);
            DataSet ds = new DataSet(Nd4j.create(batch[0], new long[] {b, ch, p, p}, 'c'),
                    Nd4j.create(batch[1], new long[] {b, k, p, p}, 'c'));
            graph.fit(ds);
            lossSum += graph.score();
            double done = ((epoch - 1) * o.itersPerEpoch() + it + 1.0) / ((double) o.epochs() * o.itersPerEpoch());
            listener.progress("training", done);
        }
        double[] dice = validate(graph, validation, listener);
        double mean = java.util.stream.IntStream.range(0, dice.length)
                .filter(i -> selectBy.isEmpty() || selectBy.contains(i + 1)).mapToDouble(i -> dice[i])
                .filter(d -> !Double.isNaN(d)).average().orElse(0);
        return new EpochRecord(epoch, lossSum / o.itersPerEpoch(), dice, mean, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Mean Dice per foreground class over the validation volumes that hold the class, each
     * segmented whole; NaN for a class none of them holds (an empty reference says nothing
     * about how well a class is found).
     */
    public double[] validate(ComputationGraph graph, List<TrainingCase> validation, ProgressListener listener) {
        double[] sum = new double[classes.size()];
        int[] count = new int[classes.size()];
        Segmenter seg = new Segmenter(new GraphClassifier(graph, classes.size() + 1), pre, classes, o.batchSize());
        for (TrainingCase c : validation) {
            Segmentation s = seg.segment(c.image(), ProgressListener.NONE);
            long[] present = c.labels().histogram();
            for (int i = 0; i < classes.size(); i++) {
                if (present[classes.get(i).label()] == 0) continue;
                sum[i] += OverlapMetrics.of(c.onAnnotated(s.labels().labels()), c.labels().labels(),
                        classes.get(i).label(), c.labels().geometry()).dice();
                count[i]++;
            }
        }
        for (int i = 0; i < sum.length; i++) sum[i] = count[i] == 0 ? Double.NaN : sum[i] / count[i];
        return sum;
    }

    /** Writes last.zip and state.json through temporary names; copies to best.zip when better. */
    private void checkpoint(ComputationGraph graph, TrainingState state, boolean better) {
        try {
            Path dir = o.checkpointDir();
            Path tmp = dir.resolve(LAST + ".tmp");
            ModelSerializer.writeModel(graph, tmp.toFile(), true);
            Files.move(tmp, dir.resolve(LAST), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (better) {
                Path bt = dir.resolve(BEST + ".tmp");
                Files.copy(dir.resolve(LAST), bt, StandardCopyOption.REPLACE_EXISTING);
                Files.move(bt, dir.resolve(BEST), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            Path st = dir.resolve(STATE + ".tmp");
            JSON.writeValue(st.toFile(), state);
            Files.move(st, dir.resolve(STATE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write checkpoint in " + o.checkpointDir(), e);
        }
    }

    private static double[] round(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) r[i] = Math.round(v[i] * 1e4) / 1e4;
        return r;
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.4f", d);
    }
}
