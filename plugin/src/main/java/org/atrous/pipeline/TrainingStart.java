package org.atrous.pipeline;

import java.util.List;

import org.atrous.dicom.SegmentClass;
import org.atrous.model.DeepLabBuilder;
import org.atrous.model.DeepLabConfig;
import org.atrous.model.ModelStore;
import org.atrous.model.Preprocessing;
import org.atrous.model.train.ClassRemapping;
import org.atrous.model.train.InputWidening;
import org.atrous.model.train.TrainingCase;
import org.atrous.progress.ProgressListener;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The network a fine-tuning starts from, made from a trained model for the network being
 * trained: its own graph when they match, else a copy widened to more input channels, grown by
 * a refinement, or with its classifier re-mapped to other classes. The command line and Fiji's
 * Train Model both start here, so both describe the start the same way on the model card.
 *
 * @param graph       the starting network
 * @param description "; fine-tuned from X 1.0, …" for the model card's data description
 */
public record TrainingStart(ComputationGraph graph, String description) {

    /** Checks nothing: the caller has checked architecture and input (see the train command). */
    public static TrainingStart from(ModelStore.LoadedModel from, DeepLabConfig config, Preprocessing pre,
                                     List<SegmentClass> classes, long seed) {
        // the card must say where the starting weights came from, or the data list is incomplete
        StringBuilder data = new StringBuilder("; fine-tuned from " + from.card().id() + " " + from.card().version());
        int oldChannels = from.card().architecture().inputChannels();
        boolean widened = oldChannels != config.inputChannels();
        boolean grown = from.card().architecture().refineChannels() == 0 && config.refineChannels() > 0;
        int[] outputs = ClassRemapping.outputMap(from.card().classes(), classes);
        boolean remapped = !ClassRemapping.isIdentity(outputs, from.card().architecture().classes());
        ComputationGraph start = from.graph();
        if (widened || grown || remapped) {
            int[] map = widened ? InputWidening.channelMap(Models.preprocessing(from.card()), pre) : null;
            start = InputWidening.copy(from.graph(), new DeepLabBuilder(config).seed(seed).build(), map,
                    remapped ? outputs : null);
        }
        if (remapped) data.append(ClassRemapping.describe(outputs, from.card().classes(), classes));
        if (widened) {
            data.append(" with its input widened from ").append(oldChannels).append(" to ")
                    .append(config.inputChannels()).append(" channels, the new ones starting at zero");
        }
        if (grown) {
            data.append(" with a stride-2 refinement of ").append(config.refineChannels())
                    .append(" channels added, its correction starting at zero");
        }
        data.append(" (").append(from.card().training().description()).append(")");
        return new TrainingStart(start, data.toString());
    }

    /**
     * Cases relabelled into the starting model's classes when they hold the same classes however
     * spelt or numbered (so its classifier is kept whole); cases with other classes unchanged,
     * for a re-mapped classifier.
     */
    public static List<TrainingCase> inModelClassesIfSame(List<TrainingCase> cases, List<SegmentClass> model,
                                                          ProgressListener l) {
        List<SegmentClass> theirs = cases.get(0).labels().classes();
        boolean same = theirs.size() == model.size() && theirs.stream().allMatch(k -> k.meaningIn(model) != null)
                && model.stream().allMatch(k -> k.meaningIn(theirs) != null);
        return same ? ReferenceClasses.forTraining(cases, model, l) : cases;
    }
}
