package org.atrous.ij;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.atrous.crf.CrfParams;
import org.atrous.dicom.SegmentClass;
import org.atrous.model.ModelCard;
import org.atrous.model.RegionZoom;
import org.atrous.pacs.PacsNode;
import org.atrous.crf.CrfMode;
import org.atrous.pipeline.Models;

/**
 * What the Segment Series dialog asks, once read: where the series comes from, which model and
 * CRF, and which ImageJ results to make.
 *
 * @param folder      DICOM folder to read, or null for the current image
 * @param model       model id in the zoo
 * @param crf         CRF off, 2D or 3D; null: the model card's mode (3D when it names none)
 * @param strength    multiplies both CRF kernel weights (1 = the model's defaults)
 * @param classes     class names to show, or "all"
 * @param overlay     "filled", "outlined" or "none"
 * @param roiManager  also add the ROIs to the ROI Manager (never clearing it)
 * @param labelImage  open an 8-bit label image with the model's colours
 * @param results     fill the Results table, one row per class
 * @param segFolder   folder to write a DICOM SEG into, or empty for none
 * @param skipZoom    leave out the model card's region zoom (faster; a negative option, so that
 *                    a macro line without it keeps the card's behaviour)
 * @param keepAll     keep every connected component: leave out the card's removal of small
 *                    components and of all but the largest (to see what the network and CRF
 *                    found, stray pieces included; negative for the same reason)
 * @param components  show the components table ("Atrous Components"): one row per 3D connected
 *                    component of each shown class, so each tumour has its own
 * @param probabilitySeg also write the network's probabilities as a FRACTIONAL DICOM SEG into
 *                    the SEG folder
 * @param lesionSegments one segment (and SR measurement group) per lesion in the SEG folder's files
 * @param store       a PACS ({@code AE@host:port}) to send the SEG folder's new files to with
 *                    C-STORE, or empty for none
 * @param selectionOnly segment only within the bounding rectangle of the image's area selection
 *                    (a model trained on crops, such as the hippocampus in a whole-brain MR)
 * @param slices      the slices to segment, {@code first-last} from 1 as ImageJ counts them, or
 *                    empty for all; the rest stays background
 */
record SegmentSettings(String folder, String model, CrfMode crf, double strength, String classes, String overlay,
                       boolean roiManager, boolean labelImage, boolean results, String segFolder, boolean skipZoom,
                       boolean keepAll, boolean components, boolean probabilitySeg, boolean lesionSegments,
                       String store, boolean selectionOnly, String slices) {

    static final String[] OVERLAYS = {"filled", "outlined", "none"};

    SegmentSettings {
        if (!(strength >= 0) || !Double.isFinite(strength)) {
            throw new IllegalArgumentException("CRF strength must be a number >= 0, not " + strength);
        }
        if (!List.of(OVERLAYS).contains(overlay)) {
            throw new IllegalArgumentException("overlay must be filled, outlined or none, not " + overlay);
        }
        if ((probabilitySeg || lesionSegments) && (segFolder == null || segFolder.isEmpty())) {
            throw new IllegalArgumentException((probabilitySeg ? "the FRACTIONAL SEG" : "lesion segments")
                    + " go to the DICOM SEG folder: give dicom=<folder>");
        }
        store = store == null ? "" : store.trim();
        if (!store.isEmpty() && (segFolder == null || segFolder.isEmpty())) {
            throw new IllegalArgumentException("the files sent to the PACS are the DICOM SEG folder's: give dicom=<folder>");
        }
        PacsNode.ofStoreKey(store); // a malformed node is refused before anything runs
        slices = slices == null ? "" : slices.trim();
        sliceRange(slices); // a malformed range is refused before anything runs
        if (folder != null && (selectionOnly || !slices.isEmpty())) {
            throw new IllegalArgumentException("a selection or slice range applies to the current image, not to a folder");
        }
    }

    /** With a PACS, on the whole image. */
    SegmentSettings(String folder, String model, CrfMode crf, double strength, String classes, String overlay,
                    boolean roiManager, boolean labelImage, boolean results, String segFolder, boolean skipZoom,
                    boolean keepAll, boolean components, boolean probabilitySeg, boolean lesionSegments, String store) {
        this(folder, model, crf, strength, classes, overlay, roiManager, labelImage, results, segFolder, skipZoom, keepAll,
                components, probabilitySeg, lesionSegments, store, false, "");
    }

    /** For the SEG's algorithm description: where the image was segmented, when not whole. */
    String regionNote() {
        if (!selectionOnly && slices.isEmpty()) return "";
        return ", segmented only " + (selectionOnly ? "within the selection's bounding rectangle" : "")
                + (selectionOnly && !slices.isEmpty() ? " of " : "") + (slices.isEmpty() ? "" : "slices " + slices);
    }

    /** {@code first-last} (from 1) as {first, last}, or null for all slices; refused when malformed. */
    static int[] sliceRange(String text) {
        if (text == null || text.isBlank()) return null;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*(\\d+)\\s*-\\s*(\\d+)\\s*").matcher(text);
        if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(2)) < Integer.parseInt(m.group(1))) {
            throw new IllegalArgumentException("slices must be first-last, counted from 1 (e.g. 40-90), not \"" + text + "\"");
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    /** Without a PACS. */
    SegmentSettings(String folder, String model, CrfMode crf, double strength, String classes, String overlay,
                    boolean roiManager, boolean labelImage, boolean results, String segFolder, boolean skipZoom,
                    boolean keepAll, boolean components, boolean probabilitySeg, boolean lesionSegments) {
        this(folder, model, crf, strength, classes, overlay, roiManager, labelImage, results, segFolder, skipZoom, keepAll,
                components, probabilitySeg, lesionSegments, "");
    }

    /** The PACS to send the DICOM outputs to, or null for none. */
    PacsNode pacs() {
        return PacsNode.ofStoreKey(store);
    }

    /** Without lesion segments. */
    SegmentSettings(String folder, String model, CrfMode crf, double strength, String classes, String overlay,
                    boolean roiManager, boolean labelImage, boolean results, String segFolder, boolean skipZoom,
                    boolean keepAll, boolean components, boolean probabilitySeg) {
        this(folder, model, crf, strength, classes, overlay, roiManager, labelImage, results, segFolder, skipZoom, keepAll,
                components, probabilitySeg, false);
    }

    SegmentSettings(String folder, String model, CrfMode crf, double strength, String classes, String overlay,
                    boolean roiManager, boolean labelImage, boolean results, String segFolder) {
        this(folder, model, crf, strength, classes, overlay, roiManager, labelImage, results, segFolder, false, false,
                false, false);
    }

    /** Small components removed under these volumes (mL): the card's, or none when keeping all. */
    Map<String, Double> minComponentMl(ModelCard card) {
        return keepAll ? Map.of() : card.minComponentMl();
    }

    /** Classes of which only the largest component is kept: the card's, or none when keeping all. */
    List<String> largestComponentOnly(ModelCard card) {
        return keepAll ? List.of() : card.largestComponentOnly();
    }

    /** The region zoom to run: the card's, unless skipped. */
    RegionZoom regionZoom(ModelCard card) {
        return skipZoom ? null : card.regionZoom();
    }

    /** The CRF mode for a model: the one chosen, else its card's. */
    CrfMode crfMode(ModelCard card) {
        return crf != null ? crf : Models.crfMode(null, card);
    }

    /** The model card's CRF parameters ({@code card}) with both kernel weights scaled by the strength. */
    CrfParams crfParams(CrfParams card, CrfMode mode) {
        return new CrfParams(card.gaussianSdMm(), card.gaussianWeight() * strength, card.bilateralSdMm(),
                card.bilateralSdIntensity(), card.bilateralWeight() * strength, card.iterations(),
                mode == CrfMode.SLICES_2D, card.boxMarginMm());
    }

    /** The model's classes the user chose, in the model's order; unknown names are an error. */
    List<SegmentClass> shown(List<SegmentClass> all) {
        String c = classes.trim().toLowerCase(Locale.ROOT);
        if (c.isEmpty() || c.equals("all")) return all;
        List<SegmentClass> out = new ArrayList<>();
        for (String name : c.split("[,;]")) {
            String n = name.trim();
            if (n.isEmpty()) continue;
            SegmentClass match = all.stream().filter(k -> k.name().equalsIgnoreCase(n)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the model has no class \"" + n + "\"; it has "
                            + all.stream().map(SegmentClass::name).toList()));
            if (!out.contains(match)) out.add(match);
        }
        out.sort((a, b) -> Integer.compare(a.label(), b.label()));
        return out;
    }
}
