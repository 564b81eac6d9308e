package org.atrous.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.atrous.dicom.CtSeriesWriter;
import org.atrous.dicom.NiftiWriter;
import org.atrous.dicom.SegWriter;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.SegmentationAlgorithm;
import org.atrous.phantom.AbdomenPhantom;
import org.atrous.phantom.Phantom;
import org.atrous.phantom.PhantomIdentity;
import org.atrous.phantom.PhantomOptions;
import org.atrous.phantom.PhantomPicture;
import org.atrous.progress.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code atrous phantom}: a synthetic abdominal CT series with its ground truth as SEG and NIfTI. */
@Command(name = "phantom", mixinStandardHelpOptions = true,
        description = {"Generates a synthetic contrast-enhanced abdominal CT with exact ground truth:",
                "OUT/ct/IMG*.dcm (CT Image Storage), OUT/seg.dcm (DICOM SEG), OUT/labels.nii.gz,",
                "OUT/phantom.json (what it holds) and optionally OUT/image.nii.gz and OUT/preview.png."})
public final class PhantomCommand implements Callable<Integer> {
    @Option(names = "--seed", required = true, description = "random seed; same seed and options, same files") long seed;
    @Option(names = "--out", required = true, description = "output folder (must not exist unless --force)") Path out;
    @Option(names = "--size", defaultValue = "256", description = "matrix, 128..512 (default ${DEFAULT-VALUE})") int size;
    @Option(names = "--slices", defaultValue = "48", description = "number of slices (default ${DEFAULT-VALUE})") int slices;
    @Option(names = "--pixel-spacing", defaultValue = "0", description = "mm; 0 = 380 mm field of view / size") double pixelSpacing;
    @Option(names = "--slice-spacing", defaultValue = "5", description = "mm (default ${DEFAULT-VALUE})") double sliceSpacing;
    @Option(names = "--thickness", description = "slice thickness in mm (default: the slice spacing)") Double thickness;
    @Option(names = "--tumours", defaultValue = "-1", description = "liver tumours 0..4, -1 = random (default)") int tumours;
    @Option(names = "--noise", defaultValue = "15", description = "noise standard deviation in HU (default ${DEFAULT-VALUE})") double noise;
    @Option(names = "--streaks", description = "add streak artefacts") boolean streaks;
    @Option(names = "--image-nifti", description = "also write the CT as OUT/image.nii.gz") boolean imageNifti;
    @Option(names = "--preview", description = "also write OUT/preview.png (soft-tissue window, outlines)") boolean preview;
    @Option(names = "--force", description = "replace an existing output folder") boolean force;

    @Override
    public Integer call() {
        try {
            PhantomOptions o = new PhantomOptions(seed, size, slices, pixelSpacing, sliceSpacing,
                    thickness == null ? sliceSpacing : thickness, tumours, noise, streaks);
            try (OutputFolder folder = OutputFolder.open(out, force)) {
                Phantom p = AbdomenPhantom.generate(o, ProgressListener.NONE);
                write(p, folder.path());
                if (imageNifti) NiftiWriter.writeImage(p.ct(), folder.path().resolve("image.nii.gz"));
                if (preview) PhantomPicture.write(p.ct(), p.labels(), previewSlices(p), 2, folder.path().resolve("preview.png").toFile());
                folder.commit();
            }
            System.out.println("phantom seed " + seed + " written to " + out);
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("atrous phantom: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("atrous phantom: " + e.getMessage());
            return 1;
        }
    }

    /** Writes every output of one phantom into dir. */
    static void write(Phantom p, Path dir) throws IOException {
        CtSeriesWriter.write(p.ct(), dir.resolve("ct"), "", ProgressListener.NONE);
        SegWriter.Target target = new SegWriter.Target(PhantomIdentity.uid(p.options(), "seg-series"),
                PhantomIdentity.uid(p.options(), "seg-instance"), 2, "Ground truth, phantom seed " + p.options().seed());
        SegWriter.write(p.labels(), p.ct(), SegmentationAlgorithm.manual("Atrous phantom ground truth"), target,
                dir.resolve("seg.dcm"));
        NiftiWriter.writeLabels(p.labels(), dir.resolve("labels.nii.gz"));
        Files.writeString(dir.resolve("phantom.json"), describe(p));
    }

    /** Four slices spread over the liver's extent, or over the series when it has no liver. */
    static int[] previewSlices(Phantom p) {
        int nz = p.ct().geometry().nz(), n = p.ct().geometry().nx() * p.ct().geometry().ny();
        int lo = -1, hi = -1;
        for (int z = 0; z < nz; z++) {
            for (int i = z * n; i < (z + 1) * n; i++) {
                if (p.labels().labels()[i] != 0) { if (lo < 0) lo = z; hi = z; break; }
            }
        }
        if (lo < 0) { lo = 0; hi = nz - 1; }
        int[] s = new int[4];
        for (int k = 0; k < 4; k++) s[k] = lo + (int) Math.round((hi - lo) * (k + 0.5) / 4);
        return s;
    }

    static String describe(Phantom p) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", "Atrous AbdomenPhantom");
        m.put("options", p.options());
        m.put("geometry", Map.of("dims", p.ct().geometry().dims(), "spacingMm", p.ct().geometry().spacing(),
                "origin", p.ct().geometry().origin()));
        m.put("tumours", p.tumours());
        long[] h = p.labels().histogram();
        List<Map<String, Object>> classes = new java.util.ArrayList<>();
        for (SegmentClass c : p.labels().classes()) {
            classes.add(Map.of("label", c.label(), "name", c.name(), "snomed", c.type().value(),
                    "voxels", h[c.label()], "volumeMl", h[c.label()] * p.ct().geometry().voxelVolumeMm3() / 1000));
        }
        m.put("classes", classes);
        m.put("studyInstanceUid", p.ct().identity().studyInstanceUid());
        m.put("seriesInstanceUid", p.ct().identity().seriesInstanceUid());
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
    }
}
