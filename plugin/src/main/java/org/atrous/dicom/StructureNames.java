package org.atrous.dicom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether two structure names mean the same structure, word order and spelling conventions
 * aside. Radiotherapy archives name ROIs after AAPM TG-263 ({@code Kidney_R}, {@code A_Aorta},
 * {@code V_Portal}, {@code V_Venacava_I}, {@code Bowel_Small}) where a model or a SEG says
 * "right kidney", "aorta", "portal vein", "inferior vena cava", "small bowel". Both are read as a
 * set of words: TG-263's side suffixes {@code _L}/{@code _R} and qualifiers {@code _I}/{@code _S}
 * become left/right and inferior/superior, its vessel prefixes {@code A_}/{@code V_} an optional
 * "artery"/"vein", and a few of its abbreviations their words.
 *
 * <p>Names that combine structures ({@code Liver-GTV}, {@code Kidney_L+Kidney_R}) and TG-263's
 * plural forms for both sides ({@code Kidneys}, {@code Lungs}) mean no single structure, so they
 * match only themselves.
 */
public final class StructureNames {

    /** TG-263 abbreviations, as words. */
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("l", "left"), Map.entry("lt", "left"), Map.entry("r", "right"), Map.entry("rt", "right"),
            Map.entry("i", "inferior"), Map.entry("inf", "inferior"), Map.entry("s", "superior"), Map.entry("sup", "superior"),
            Map.entry("venacava", "vena cava"), Map.entry("ivc", "inferior vena cava"), Map.entry("svc", "superior vena cava"),
            Map.entry("ext", "external"), Map.entry("int", "internal"), Map.entry("glnd", "gland"),
            Map.entry("ant", "anterior"), Map.entry("post", "posterior"), Map.entry("prox", "proximal"),
            Map.entry("dist", "distal"), Map.entry("tumor", "tumour"));

    private StructureNames() { }

    /** True when {@code a} and {@code b} name the same structure. */
    public static boolean same(String a, String b) {
        if (SegmentClass.nameKey(a).equals(SegmentClass.nameKey(b))) return true;
        List<Set<String>> ra = readings(a), rb = readings(b);
        for (Set<String> x : ra) if (rb.contains(x)) return true;
        return false;
    }

    /**
     * The word sets a name can mean: one, or two for a TG-263 vessel (with and without
     * "artery"/"vein", so {@code A_Aorta} is "aorta" and {@code V_Portal} "portal vein"). None
     * for a combination of structures.
     */
    static List<Set<String>> readings(String name) {
        String n = name.trim();
        if (n.isEmpty() || n.contains("+") || n.matches(".*\\S-\\S.*")) return List.of();
        String[] tokens = n.toLowerCase(Locale.ROOT).split("[\\s_,()]+");
        int start = tokens.length > 0 && tokens[0].isEmpty() ? 1 : 0;
        String vessel = null;
        if (tokens.length - start > 1 && (tokens[start].equals("a") || tokens[start].equals("v"))) {
            vessel = tokens[start].equals("a") ? "artery" : "vein";
            start++;
        }
        Set<String> words = new TreeSet<>();
        for (int i = start; i < tokens.length; i++) {
            for (String w : WORDS.getOrDefault(tokens[i], tokens[i]).split(" ")) if (!w.isEmpty()) words.add(w);
        }
        List<Set<String>> out = new ArrayList<>();
        out.add(words);
        if (vessel != null && !words.contains(vessel)) {
            Set<String> with = new TreeSet<>(words);
            with.add(vessel);
            out.add(with);
        }
        return out;
    }
}
