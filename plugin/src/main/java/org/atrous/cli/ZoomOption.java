package org.atrous.cli;

import java.io.IOException;
import java.util.List;

import org.atrous.model.ModelStore;
import org.atrous.model.RegionZoom;
import org.atrous.model.Segmenter;
import org.atrous.pipeline.Models;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Per-run override of the model card's region zoom (a magnified second look inside a region). */
public final class ZoomOption {

    @Option(names = "--region-zoom", paramLabel = "SCALE",
            description = "magnification of the second look inside the region (above 1, e.g. 1.5), or 0 for "
                    + "none (default: the model card's)")
    Double scale;

    @Option(names = "--region-zoom-classes", split = ",", paramLabel = "CLASS",
            description = "classes the second look re-divides, where the first look called one of them "
                    + "(default: the model card's)")
    List<String> classes;

    @Option(names = "--region-zoom-margin", paramLabel = "MM",
            description = "in-plane context around the region's bounding box in mm (default: the model card's, else 15)")
    Double marginMm;

    @Option(names = "--region-zoom-model", paramLabel = "MODEL",
            description = "model (zoo id or card) that takes the second look, with the same classes and input; "
                    + "'self' for the model itself (default: the model card's)")
    String model;

    @Spec(Spec.Target.MIXEE) CommandSpec command;

    private static final double DEFAULT_MARGIN_MM = 15;

    /** {@code segmenter} with this run's region zoom, if one was given; bad values are usage errors. */
    Segmenter over(Segmenter segmenter) throws IOException {
        Segmenter zoomed = zoom(segmenter);
        if (model == null) return zoomed;
        if (zoomed.regionZoom() == null) {
            return UsageErrors.check(command, "", () -> {
                throw new IllegalArgumentException("--region-zoom-model needs a region zoom: the model card's, or "
                        + "--region-zoom SCALE with --region-zoom-classes A,B");
            });
        }
        if (model.equals("self")) return zoomed.withRegionZoom(zoomed.regionZoom().withModel(null)).withZoomModel(null);
        ModelStore.LoadedModel m = Models.load(model);
        return UsageErrors.check(command, "--region-zoom-model: ", () -> zoomed
                .withZoomModel(Models.segmenter(m, zoomed.batchSize()).withMirroring(zoomed.mirroring()))
                .withRegionZoom(zoomed.regionZoom().withModel(m.card().id())));
    }

    private Segmenter zoom(Segmenter segmenter) {
        if (scale == null && classes == null && marginMm == null) return segmenter;
        RegionZoom card = segmenter.regionZoom();
        if (scale != null && scale == 0) return segmenter.withRegionZoom(null);
        if (card == null && (scale == null || classes == null)) {
            return UsageErrors.check(command, "", () -> {
                throw new IllegalArgumentException("the model card has no region zoom: give both --region-zoom SCALE "
                        + "and --region-zoom-classes A,B");
            });
        }
        return UsageErrors.check(command, "--region-zoom: ", () -> segmenter.withRegionZoom(new RegionZoom(
                scale != null ? scale : card.scale(),
                classes != null ? classes : card.classes(),
                marginMm != null ? marginMm : card != null ? card.marginMm() : DEFAULT_MARGIN_MM,
                card != null ? card.model() : null)));
    }
}
