package org.atrous.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelMaps;
import org.atrous.dicom.LabelObjects;
import org.atrous.dicom.RejectedFile;
import org.atrous.dicom.ZipInputs;
import org.atrous.dicom.SeriesPart;
import org.atrous.dicom.SeriesReadResult;
import org.atrous.dicom.SeriesReader;
import org.atrous.dicom.Volume;
import org.atrous.model.Reorientation;
import org.atrous.pipeline.Pipeline;
import org.atrous.progress.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code atrous info [--json] PATH...}: what series the given files, folders or DICOMDIRs hold,
 * and which segmentations and RT Structure Sets (their classes, their frame of reference).
 * Exit 0 when every file was read, 1 when some were rejected, 2 on a usage error (picocli).
 * Only the summary goes to standard output; warnings and progress go to standard error.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Summarise the DICOM series in files, folders or DICOMDIRs.")
public final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print exactly one JSON object on standard output.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "DICOM files, folders (recursive) or DICOMDIRs.")
    List<Path> paths;

    /** PixelMed logs stack traces for files the reader already reports as rejected. */
    private static final java.util.logging.Logger PIXELMED_LOG = java.util.logging.Logger.getLogger("com.pixelmed");

    @Override
    public Integer call() throws Exception {
        PIXELMED_LOG.setLevel(java.util.logging.Level.OFF);
        PrintWriter err = spec.commandLine().getErr();
        SeriesReadResult result = new SeriesReader().read(paths, stderrLog(err));
        // SEGs and RT Structure Sets are no image series, but no bad files either: listed apart
        Map<String, LabelObjects.Summary> labels = new LinkedHashMap<>();
        // so are NRRD and NIfTI files: label maps (3D Slicer's segmentations) or image volumes
        Map<String, LabelMaps.Summary> maps = new LinkedHashMap<>();
        List<RejectedFile> rejected = new ArrayList<>();
        for (RejectedFile r : result.rejected()) {
            LabelObjects.Summary s = LabelObjects.describe(Path.of(r.path()));
            LabelMaps.Summary m = s == null ? LabelMaps.describe(Path.of(r.path())) : null;
            if (s != null) labels.put(r.path(), s);
            else if (m != null) maps.put(r.path(), m);
            else rejected.add(r);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> root = toJson(result, labels, rejected);
            root.put("otherVolumes", mapsJson(maps));
            out.println(new ObjectMapper().writeValueAsString(root));
        } else {
            printSummary(result, labels, rejected, out);
            maps.forEach((path, m) -> out.printf(Locale.ROOT, "%s %s %s: %d x %d x %d voxels, spacing %.6g x %.6g x %.6g mm%s%n",
                    m.format(), m.image() ? "image" : "label map", ZipInputs.display(path), m.geometry().nx(), m.geometry().ny(),
                    m.geometry().nz(), m.geometry().spacing()[0], m.geometry().spacing()[1], m.geometry().spacing()[2],
                    m.image() ? "" : ", " + m.classes().size() + " class(es) " + m.classes()));
        }
        out.flush();
        return rejected.isEmpty() ? 0 : 1;
    }

    private static ProgressListener stderrLog(PrintWriter err) {
        return new ProgressListener() {
            @Override
            public void log(String message) {
                err.println("warning: " + message);
                err.flush();
            }
        };
    }

    static Map<String, Object> toJson(SeriesReadResult result, Map<String, LabelObjects.Summary> labels,
                                      List<RejectedFile> rejectedFiles) {
        List<Object> series = new ArrayList<>();
        for (SeriesPart p : result.parts()) series.add(partJson(p));
        List<Object> labelObjects = new ArrayList<>();
        labels.forEach((path, s) -> labelObjects.add(Map.of("path", ZipInputs.display(path), "kind", s.kind(), "classes", s.classes(),
                "frameOfReferenceUid", s.frameOfReferenceUid())));
        List<Object> rejected = new ArrayList<>();
        for (RejectedFile r : rejectedFiles) rejected.add(Map.of("path", ZipInputs.display(r.path()), "reason", r.reason()));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("series", series);
        root.put("labelObjects", labelObjects);
        root.put("rejected", rejected);
        return root;
    }

    private static List<Object> mapsJson(Map<String, LabelMaps.Summary> maps) {
        List<Object> out = new ArrayList<>();
        maps.forEach((path, m) -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("path", ZipInputs.display(path));
            o.put("format", m.format());
            o.put("kind", m.image() ? "image" : "label map");
            o.put("dims", m.geometry().dims());
            o.put("spacingMm", m.geometry().spacing());
            o.put("orientation", Reorientation.code(m.geometry()));
            if (!m.image()) o.put("classes", m.classes());
            out.add(o);
        });
        return out;
    }

    private static Map<String, Object> partJson(SeriesPart p) {
        Volume v = p.volume();
        Geometry g = v.geometry();
        double[] stats = v.stats();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seriesInstanceUid", v.identity().seriesInstanceUid());
        m.put("part", p.name());
        m.put("description", p.description());
        m.put("modality", v.modality());
        m.put("dims", g.dims());
        m.put("spacingMm", g.spacing());
        m.put("origin", g.origin());
        m.put("direction", g.direction());
        m.put("orientation", Reorientation.code(g));
        m.put("values", Map.of("min", stats[0], "max", stats[1], "mean", stats[2]));
        double gnl = noiseLevel(v);
        if (!Double.isNaN(gnl)) m.put("noiseLevelHu", gnl);
        m.put("files", p.files());
        m.put("warnings", v.warnings());
        return m;
    }

    private static void printSummary(SeriesReadResult result, Map<String, LabelObjects.Summary> labels,
                                     List<RejectedFile> rejected, PrintWriter out) {
        for (SeriesPart p : result.parts()) {
            Volume v = p.volume();
            Geometry g = v.geometry();
            double[] s = v.stats();
            out.printf(Locale.ROOT, "series %s (%s)%n", p.name(), p.description());
            out.printf(Locale.ROOT, "  modality %s, %s; %s%n", v.modality(), v.identity().seriesDescription(),
                    v.identity().patientId().isEmpty() ? "no patient ID" : "patient " + v.identity().patientId());
            out.printf(Locale.ROOT, "  %d x %d x %d voxels, spacing %.6g x %.6g x %.6g mm, origin (%.3f, %.3f, %.3f), "
                    + "orientation %s%n", g.nx(), g.ny(), g.nz(), g.spacing()[0], g.spacing()[1], g.spacing()[2],
                    g.origin()[0], g.origin()[1], g.origin()[2], Reorientation.code(g));
            out.printf(Locale.ROOT, "  values %.4g to %.4g, mean %.4g; %d file(s)%n", s[0], s[1], s[2], p.files().size());
            double gnl = noiseLevel(v);
            if (!Double.isNaN(gnl)) out.printf(Locale.ROOT, "  noise level %.1f HU (global noise level over soft tissue)%n", gnl);
            for (String w : v.warnings()) out.println("  warning: " + w);
        }
        if (result.parts().isEmpty()) out.println("no readable series");
        labels.forEach((path, s) -> out.printf(Locale.ROOT, "%s %s: %d class(es) %s, frame of reference %s%n",
                s.kind().equals("SEG") ? "segmentation" : "structure set", ZipInputs.display(path), s.classes().size(), s.classes(),
                s.frameOfReferenceUid().isEmpty() ? "none" : s.frameOfReferenceUid()));
        for (RejectedFile r : rejected) out.println("rejected " + ZipInputs.display(r.path()) + ": " + r.reason());
    }

    /** A CT's global noise level in HU; NaN for other modalities or too little soft tissue. */
    static double noiseLevel(Volume v) {
        return "CT".equals(v.modality()) ? Pipeline.globalNoiseLevel(v) : Double.NaN;
    }
}
