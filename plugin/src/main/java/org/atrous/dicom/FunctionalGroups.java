package org.atrous.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

/**
 * Looks an attribute up for one frame the way enhanced multi-frame objects define it: in
 * that frame's Per-Frame Functional Groups item, then in the Shared Functional Groups, and
 * finally (classic single-frame images) at the top level of the data set.
 */
final class FunctionalGroups {

    private final AttributeList top;
    private final AttributeList perFrame;
    private final AttributeList shared;

    FunctionalGroups(AttributeList top, int frame) {
        this.top = top;
        this.perFrame = item(top, TagFromName.PerFrameFunctionalGroupsSequence, frame - 1);
        this.shared = item(top, TagFromName.SharedFunctionalGroupsSequence, 0);
    }

    /** Exactly {@code count} values, or null when the attribute is absent or malformed. */
    double[] doubles(AttributeTag macro, AttributeTag tag, int count) {
        Attribute a = find(macro, tag);
        if (a == null) return null;
        try {
            double[] v = a.getDoubleValues();
            return v != null && v.length == count && allFinite(v) ? v : null;
        } catch (Exception e) {
            return null;
        }
    }

    double scalar(AttributeTag macro, AttributeTag tag, double fallback) {
        Attribute a = find(macro, tag);
        double v = a == null ? fallback : Attribute.getSingleDoubleValueOrDefault(a, fallback);
        return Double.isNaN(v) ? fallback : v;
    }

    private Attribute find(AttributeTag macro, AttributeTag tag) {
        for (AttributeList groups : new AttributeList[] {perFrame, shared}) {
            AttributeList m = groups == null ? null : item(groups, macro, 0);
            if (m != null && m.get(tag) != null) return m.get(tag);
        }
        Attribute a = top.get(tag);
        return a != null && a.getVM() > 0 ? a : null;
    }

    private static AttributeList item(AttributeList list, AttributeTag sequence, int index) {
        Attribute a = list.get(sequence);
        if (!(a instanceof SequenceAttribute s) || index >= s.getNumberOfItems()) return null;
        return SequenceAttribute.getAttributeListFromSelectedItemWithinSequence(s, index);
    }

    private static boolean allFinite(double[] v) {
        for (double d : v) if (!Double.isFinite(d)) return false;
        return true;
    }
}
