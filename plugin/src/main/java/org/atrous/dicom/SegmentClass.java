package org.atrous.dicom;

/**
 * One class of a label volume, with what a DICOM SEG segment and an ImageJ overlay need.
 *
 * @param label    the value in the label volume (1..255; 0 is background and has no class)
 * @param name     SegmentLabel and ROI name, e.g. "liver"
 * @param rgb      display colour, 0..255 each
 * @param category Segmented Property Category, e.g. SCT 123037004 "Anatomical Structure"
 * @param type     Segmented Property Type, e.g. SCT 10200004 "Liver"
 */
public record SegmentClass(int label, String name, int[] rgb, CodedConcept category, CodedConcept type) {

    public static final CodedConcept ANATOMICAL_STRUCTURE = CodedConcept.sct("123037004", "Anatomical Structure");
    public static final CodedConcept MORPHOLOGICALLY_ABNORMAL = CodedConcept.sct("49755003", "Morphologically Altered Structure");

    public SegmentClass {
        if (label < 1 || label > 255) throw new IllegalArgumentException("label must be 1..255: " + label);
        if (rgb == null || rgb.length != 3) throw new IllegalArgumentException("colour needs 3 components");
        rgb = rgb.clone();
    }

    /** True when both lists give the same labels the same names, in the same order (colours aside). */
    public static boolean sameLabels(java.util.List<SegmentClass> a, java.util.List<SegmentClass> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).label() != b.get(i).label() || !a.get(i).name().equals(b.get(i).name())) return false;
        }
        return true;
    }

    /**
     * The class of {@code others} this one means, or null: the same name ({@link #nameKey}),
     * else the only one named for the same structure in other words ({@link StructureNames}:
     * a structure set's {@code Kidney_R} is a model's "right kidney"), else the same Segmented
     * Property Type code when exactly one of them has it (SNOMED's "SRT" and "SCT" designators
     * count as one scheme). Never by label number: another tool numbers its classes its own way.
     */
    public SegmentClass meaningIn(java.util.List<SegmentClass> others) {
        for (SegmentClass m : others) if (nameKey(m.name()).equals(nameKey(name))) return m;
        java.util.List<SegmentClass> byWords = others.stream().filter(m -> StructureNames.same(m.name(), name)).toList();
        if (byWords.size() == 1) return byWords.get(0);
        java.util.List<SegmentClass> byCode = others.stream().filter(m -> sameCode(type, m.type())).toList();
        return byCode.size() == 1 ? byCode.get(0) : null;
    }

    /** The default colour of class {@code label} of {@code count}: hues spread evenly around the wheel. */
    public static int[] hue(int label, int count) {
        java.awt.Color c = java.awt.Color.getHSBColor((label - 1) / (float) Math.max(1, count), 0.8f, 1f);
        return new int[] {c.getRed(), c.getGreen(), c.getBlue()};
    }

    /**
     * A class name as names are matched: case, surrounding blanks, and spaces against
     * underscores aside ("Liver_Tumour" is "liver tumour", as planning systems spell ROIs).
     */
    public static String nameKey(String name) {
        return name.trim().toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s_]+", " ");
    }

    private static boolean sameCode(CodedConcept a, CodedConcept b) {
        // classes named by a user carry an empty code, which says nothing
        return a != null && b != null && a.value() != null && !a.value().isBlank() && a.value().equals(b.value())
                && scheme(a).equals(scheme(b));
    }

    private static String scheme(CodedConcept c) {
        String s = c.scheme() == null ? "" : c.scheme().trim().toUpperCase(java.util.Locale.ROOT);
        return s.equals("SRT") ? "SCT" : s;
    }
}
