package org.atrous.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegmentClass;
import org.atrous.model.train.TrainingCase;
import org.atrous.progress.ProgressListener;

/**
 * Puts a reference segmentation into a model's classes before scoring. A SEG made elsewhere
 * numbers its segments its own way (its segment 1 may be the spleen where the model's label 1
 * is the liver), so classes are matched by meaning, never by number: the same name, case
 * aside, else the same Segmented Property Type code when exactly one model class has it
 * (SNOMED's "SRT" and "SCT" designators count as one scheme). Reference classes that match
 * nothing are left out and listed.
 */
public final class ReferenceClasses {

    /** The reference relabelled into {@code model}'s classes, and the reference classes left out. */
    public record Matched(LabelVolume reference, List<String> unmatched) { }

    private ReferenceClasses() { }

    public static Matched inModelClasses(LabelVolume reference, List<SegmentClass> model) {
        int[] map = new int[256];
        List<SegmentClass> kept = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        for (SegmentClass r : reference.classes()) {
            SegmentClass m = match(r, model);
            if (m == null) {
                unmatched.add(r.name());
                continue;
            }
            map[r.label()] = m.label();
            if (!kept.contains(m)) kept.add(m);
        }
        byte[] in = reference.labels(), out = new byte[in.length];
        for (int i = 0; i < in.length; i++) out[i] = (byte) map[in[i] & 0xff];
        kept.sort((a, b) -> Integer.compare(a.label(), b.label()));
        return new Matched(new LabelVolume(out, reference.geometry(), kept), unmatched);
    }

    /**
     * Training cases relabelled into a starting model's classes (train --init), so a SEG that
     * spells or numbers them otherwise can fine-tune it. A segment that is none of the model's
     * classes is refused: dropping it would teach its voxels as background. A model class no
     * case holds is named in a log line, since its voxels are then learnt as background too.
     */
    public static List<TrainingCase> forTraining(List<TrainingCase> cases, List<SegmentClass> model, ProgressListener l) {
        List<TrainingCase> out = new ArrayList<>();
        boolean[] seen = new boolean[256];
        for (TrainingCase c : cases) {
            Matched m = inModelClasses(c.labels(), model);
            if (!m.unmatched().isEmpty()) {
                throw new IllegalArgumentException("case " + c.id() + ": segment(s) " + m.unmatched()
                        + " are none of the starting model's classes " + names(model));
            }
            m.reference().classes().forEach(k -> seen[k.label()] = true);
            out.add(new TrainingCase(c.id(), c.image(),
                    new LabelVolume(m.reference().labels(), c.labels().geometry(), model)));
        }
        for (SegmentClass k : model) {
            if (!seen[k.label()]) l.log("no training case has '" + k.name() + "': its voxels are learnt as background");
        }
        return out;
    }

    private static List<String> names(List<SegmentClass> classes) {
        return classes.stream().map(SegmentClass::name).toList();
    }

    /** The model class {@code r} means, or null ({@link SegmentClass#meaningIn}). */
    static SegmentClass match(SegmentClass r, List<SegmentClass> model) {
        return r.meaningIn(model);
    }
}
