package org.atrous.model.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.atrous.model.Reorientation;

/**
 * The orientation a model learns its images in, and training cases turned to it, so that the
 * model card can name it and every series is turned the same way before inference
 * ({@link Reorientation}).
 */
public final class TrainingOrientation {

    private TrainingOrientation() { }

    /**
     * The starting model's orientation when it names one (fine-tuning keeps what it learnt),
     * else the one most of the cases share (the first such in case order on a tie).
     */
    public static String choose(List<TrainingCase> cases, String startingModel) {
        if (startingModel != null) return Reorientation.parse(startingModel);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (TrainingCase c : cases) counts.merge(Reorientation.code(c.image().geometry()), 1, Integer::sum);
        return counts.entrySet().stream().max(Comparator.comparingInt(Map.Entry::getValue)).orElseThrow().getKey();
    }

    /** Every case turned to {@code code} (cases already in it, as they are). */
    public static List<TrainingCase> turn(List<TrainingCase> cases, String code) {
        List<TrainingCase> out = new ArrayList<>(cases.size());
        for (TrainingCase c : cases) out.add(turn(c, code));
        return out;
    }

    /** One case turned to {@code code}: image and labels alike. */
    public static TrainingCase turn(TrainingCase c, String code) {
        Reorientation r = Reorientation.of(c.image().geometry(), code);
        return r.reorients() ? new TrainingCase(c.id(), r.toView(c.image()), r.toView(c.labels())) : c;
    }
}
