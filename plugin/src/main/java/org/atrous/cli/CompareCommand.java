package org.atrous.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.atrous.dicom.LabelObjects;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SeriesPart;
import org.atrous.dicom.SeriesReader;
import org.atrous.pipeline.Evaluation;
import org.atrous.pipeline.ReferenceClasses;
import org.atrous.progress.ProgressListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code atrous compare}: two segmentations of one series, class by class. How much a reader
 * changed the automatic result (its SEG against the corrected one), or how two readers differ.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Scores a DICOM SEG against a reference SEG of the same series (either may be an RT Structure",
                "Set, e.g. a planning system's contours, or a label map of the series (NRRD as 3D Slicer",
                "saves it, NIfTI; resampled onto the series if on another grid): per class of the reference,",
                "Dice, 95th-percentile Hausdorff distance and average surface distance in mm, and voxel counts.",
                "Segments are matched by name or code, as evaluate matches them; segments of the other SEG that",
                "match no reference class are listed. Ends with one line per class: dice <class>: <value>.",
                "Exit 0 compared, 1 unreadable series or SEG, 2 usage error."})
public final class CompareCommand implements Callable<Integer> {

    @Option(names = "--series", required = true, description = "the DICOM series both SEGs segment (folder or file)") Path series;
    @Option(names = "--reference", required = true, description = "the reference SEG, RT Structure Set or label map "
            + "(e.g. the corrected one)")
    Path reference;
    @Option(names = "--segmentation", required = true, description = "the SEG, RT Structure Set or label map to score "
            + "(e.g. the automatic one)")
    Path other;
    @Option(names = "--label-names", split = ",", paramLabel = "[N=]NAME", description = "names of a label map's values "
            + "1, 2, ... (NRRD or NIfTI on either side), or N=NAME for value N, e.g. Liver or 2=spine; without it a Slicer .seg.nrrd names its segments, "
            + "else a classes.csv beside the file (label,name), else they are 'label N'") List<String> labelNames;
    @CommandLine.Mixin SeriesUidOption seriesUid = new SeriesUidOption();
    @Option(names = "--csv", paramLabel = "FILE", description = "also write the rows as CSV") Path csv;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        try {
            if (!Files.exists(series)) throw new IllegalArgumentException("no such series: " + series);
            SeriesPart part = seriesUid.choose(new SeriesReader().read(series, ProgressListener.NONE).parts(), series);
            LabelVolume ref = LabelObjects.read(reference, part.volume(), labelNames,
                    w -> err.println(reference.getFileName() + ": " + w));
            ReferenceClasses.Matched m = ReferenceClasses.inModelClasses(LabelObjects.read(other, part.volume(), labelNames,
                    w -> err.println(other.getFileName() + ": " + w)), ref.classes());
            List<Evaluation.Row> rows = Evaluation.score(part.name(), m.reference(), ref);
            out.printf(Locale.ROOT, "%-16s %7s %9s %9s %12s %12s%n", "class", "dice", "hd95 mm", "assd mm",
                    "voxels", "reference");
            for (Evaluation.Row r : rows) {
                out.printf(Locale.ROOT, "%-16s %7.4f %9.2f %9.2f %12d %12d%n", r.className(), r.dice(), r.hd95Mm(),
                        r.assdMm(), r.predictedVoxels(), r.referenceVoxels());
            }
            if (!m.unmatched().isEmpty()) out.println("segments matching no reference class: " + m.unmatched());
            for (Evaluation.Row r : rows) out.printf(Locale.ROOT, "dice %s: %.4f%n", r.className(), r.dice());
            out.flush();
            if (csv != null) Files.writeString(csv, Evaluation.csv(rows), StandardCharsets.UTF_8);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("atrous compare: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("atrous compare: " + e.getMessage());
            return 1;
        }
    }
}
