package org.atrous.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.atrous.dicom.SegmentClass;

/**
 * A second, magnified look at one region of the first look's result, as cascaded liver-tumour
 * methods crop the liver and segment lesions at a finer scale: small structures inside an
 * organ (a 10 mm tumour is 7 pixels at 1.5 mm) span more of the network's receptive grid when
 * magnified. The second look re-divides, among the region's classes only, the probability the
 * first look gave them together, and only where the first look called one of them; so the
 * organ's outline stays the first look's and the magnified view decides what lies inside it.
 *
 * @param scale    magnification over the model's spacing: 1.5 feeds pixels 1/1.5 as large
 * @param classes  class names of the region, at least two (one has nothing to re-divide)
 * @param marginMm in-plane context kept around the region's bounding box, in mm
 * @param model    id of another model beside the card that takes the second look (a cascade's
 *                 dedicated lesion model: same classes and input channels, trained at the
 *                 magnified spacing); null: the card's own model looks twice
 */
public record RegionZoom(double scale, List<String> classes, double marginMm,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String model) {

    public RegionZoom {
        if (!(scale > 1 && scale <= 4)) {
            throw new IllegalArgumentException("region zoom scale must be above 1 and at most 4, was " + scale);
        }
        classes = classes == null ? List.of() : List.copyOf(classes);
        if (classes.size() < 2) {
            throw new IllegalArgumentException("region zoom needs at least two classes to re-divide, got " + classes);
        }
        if (!(marginMm >= 0) || Double.isInfinite(marginMm)) {
            throw new IllegalArgumentException("region zoom margin must be a length >= 0 mm, was " + marginMm);
        }
        if (model != null && !model.matches("[\\w.-]+")) {
            throw new IllegalArgumentException("region zoom model '" + model + "' must be the id of a model in the same folder");
        }
    }

    /** A zoom whose second look is the card's own model. */
    public RegionZoom(double scale, List<String> classes, double marginMm) {
        this(scale, classes, marginMm, null);
    }

    /** This zoom with another model's second look (null: the card's own model). */
    public RegionZoom withModel(String id) {
        return new RegionZoom(scale, classes, marginMm, id);
    }

    /** The region's label values among {@code all}; a name that is not a class is refused. */
    public int[] labels(List<SegmentClass> all) {
        int[] out = new int[classes.size()];
        for (int i = 0; i < out.length; i++) {
            String name = classes.get(i);
            out[i] = all.stream().filter(c -> c.name().equals(name)).mapToInt(SegmentClass::label).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("region zoom names no class '" + name + "'; classes: "
                            + all.stream().map(SegmentClass::name).toList()));
        }
        return out;
    }
}
