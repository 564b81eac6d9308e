package org.atrous.dicom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Label maps made outside DICOM, put on a DICOM series' grid: NRRD (3D Slicer's segmentations,
 * dcmqi's inputs) and NIfTI (nnU-Net, MONAI, TotalSegmentator). Their classes are named by the
 * file's own segment metadata (Slicer's {@code .seg.nrrd}), else by a {@code classes.csv}
 * beside it ({@code label,name}, as {@code convert rtstruct} writes), else "label N".
 *
 * <p>A label map on the series' voxels (the same grid, a crop of it as Slicer saves a
 * segmentation, or the same voxels with axes flipped or swapped as a NIfTI in RAS order) is
 * taken voxel for voxel. One on another grid (another spacing, extent or orientation in the
 * same patient space) is resampled, with a warning that says so, since resampling changes
 * outlines; one that does not overlap the series at all is refused.
 */
public final class LabelMaps {

    /** The sidecar that names a label map's values. */
    public static final String CLASS_TABLE = "classes.csv";

    private LabelMaps() { }

    /** True for a file read as a label map: NRRD by its magic line, NIfTI by its name. */
    public static boolean isLabelMap(Path file) {
        return NiftiReader.isNifti(file) || NrrdReader.isNrrd(file);
    }

    /**
     * True when the file's labels have names without being told them: a {@value #CLASS_TABLE}
     * beside it, or a NRRD header with Slicer's segment names. Reads the header only.
     */
    public static boolean namesItsClasses(Path file) {
        if (Files.isRegularFile(file.toAbsolutePath().resolveSibling(CLASS_TABLE))) return true;
        if (!NrrdReader.isNrrd(file)) return false;
        try {
            return NrrdReader.keyValues(file).keySet().stream().anyMatch(k -> k.matches("Segment\\d+_Name"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The image series a label map kept in an archive labels, since it names none: the one series
     * whose files all lie in the map's folder or below (Slicer's case folder holds the DICOM and
     * the {@code .seg.nrrd}). Null when there is none or more than one, with the reason to {@code whyNot}.
     */
    public static String seriesInFolder(Path map, Map<String, ? extends java.util.Collection<Path>> imageFiles,
                                        Consumer<String> whyNot) {
        Path dir = map.toAbsolutePath().normalize().getParent();
        List<String> under = imageFiles.entrySet().stream().filter(e -> e.getValue().stream()
                .allMatch(f -> f.toAbsolutePath().normalize().startsWith(dir))).map(Map.Entry::getKey).toList();
        if (under.size() == 1) return under.get(0);
        whyNot.accept((under.isEmpty() ? "no image series" : under.size() + " image series") + " in its folder, so which"
                + " it labels is not known (put it beside the files of the series it labels)");
        return null;
    }

    /**
     * As {@link #seriesInFolder}, and only when the map's labels have names, its own or given
     * ({@code namesGiven}): unnamed labels match no class.
     */
    public static String seriesLabelledBy(Path map, Map<String, ? extends java.util.Collection<Path>> imageFiles,
                                          boolean namesGiven, Consumer<String> whyNot) {
        return seriesLabelledBy(map, map, imageFiles, namesGiven, whyNot);
    }

    /**
     * As {@link #seriesLabelledBy(Path, Map, boolean, Consumer)} for a map named {@code map} in the
     * archive (a zip's entry, say) and read from {@code readable} (its copy).
     */
    public static String seriesLabelledBy(Path map, Path readable, Map<String, ? extends java.util.Collection<Path>> imageFiles,
                                          boolean namesGiven, Consumer<String> whyNot) {
        String uid = seriesInFolder(map, imageFiles, whyNot);
        if (uid == null || namesGiven || namesItsClasses(readable)) return uid;
        whyNot.accept("its labels are not named (no segment names, no " + CLASS_TABLE + " beside it), so they match no"
                + " class of the model");
        return null;
    }

    /** What a NRRD or NIfTI file holds, for {@code info}: a label map with its classes, or an image. */
    public record Summary(String format, Geometry geometry, List<String> classes, boolean image) { }

    /** The file's summary, read whole; null when it is neither NRRD nor NIfTI or cannot be read. */
    public static Summary describe(Path file) {
        if (!isLabelMap(file)) return null;
        String format = NrrdReader.isNrrd(file) ? "NRRD" : "NIfTI";
        try {
            LabelVolume lv = named(NrrdReader.isNrrd(file) ? NrrdReader.readLabels(file, w -> { }) : nifti(file), file);
            return new Summary(format, lv.geometry(), lv.classes().stream().map(SegmentClass::name).toList(), false);
        } catch (IOException | RuntimeException notLabels) {
            try { // samples that are no labels: an image volume
                Volume v = NrrdReader.isNrrd(file) ? NrrdReader.readImage(file) : NiftiReader.read(file);
                return new Summary(format, v.geometry(), List.of(), true);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }

    /**
     * The label map on {@code target}'s grid; what is left out goes to {@code warn}. {@code names}
     * (null: none) names values 1, 2, ... in order, before anything the file or its folder says.
     */
    public static LabelVolume read(Path file, Geometry target, List<String> names, Consumer<String> warn)
            throws IOException {
        LabelVolume own = NrrdReader.isNrrd(file) ? NrrdReader.readLabels(file, warn) : nifti(file);
        return onGrid(names == null ? named(own, file) : named(own, names, file), target, file, warn);
    }

    /**
     * Values named by {@code names}: an entry {@code N=NAME} names value N, a plain name the next
     * value from 1 ({@code liver,spleen}; {@code 2=spine} for a map that holds only value 2). A
     * value the map holds that no entry names is an error, since its class would be a guess.
     */
    private static LabelVolume named(LabelVolume lv, List<String> names, Path file) throws IOException {
        Map<Integer, String> byValue = new TreeMap<>();
        int next = 1;
        for (String entry : names) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*(\\d+)\\s*=(.+)").matcher(entry);
            if (m.matches()) next = Integer.parseInt(m.group(1));
            byValue.put(next++, (m.matches() ? m.group(2) : entry).trim());
        }
        List<SegmentClass> classes = new ArrayList<>();
        for (SegmentClass c : lv.classes()) {
            int value = c.name().matches("label \\d+") ? Integer.parseInt(c.name().substring(6)) : c.label();
            String name = byValue.get(value);
            if (name == null) throw new IOException(file + ": it holds value " + value + ", which no class name names");
            classes.add(unnamed(c.label(), name));
        }
        return new LabelVolume(lv.labels(), lv.geometry(), classes);
    }

    private static LabelVolume nifti(Path file) throws IOException {
        LabelVolume lv = NiftiReader.readLabels(file, List.of());
        long[] count = lv.histogram();
        List<SegmentClass> classes = new ArrayList<>();
        for (int l = 1; l < 256; l++) if (count[l] > 0) classes.add(unnamed(l, "label " + l));
        return new LabelVolume(lv.labels(), lv.geometry(), classes);
    }

    /** Classes still called "label N" take their names from a classes.csv beside the file. */
    private static LabelVolume named(LabelVolume lv, Path file) throws IOException {
        Path table = file.toAbsolutePath().resolveSibling(CLASS_TABLE);
        if (!Files.isRegularFile(table)) return lv;
        Map<Integer, String> names = classTable(table);
        List<SegmentClass> classes = new ArrayList<>();
        for (SegmentClass c : lv.classes()) {
            String name = c.name().matches("label \\d+") ? names.get(Integer.parseInt(c.name().substring(6))) : null;
            classes.add(name == null ? c : unnamed(c.label(), name));
        }
        return new LabelVolume(lv.labels(), lv.geometry(), classes);
    }

    /**
     * Values the file leaves unnamed ("label N") named by {@code names}, value N by the N-th;
     * classes the file names itself (a Slicer segmentation's segments) keep their names.
     */
    public static LabelVolume nameUnnamed(LabelVolume lv, List<String> names) {
        List<SegmentClass> classes = new ArrayList<>();
        for (SegmentClass c : lv.classes()) {
            int value = c.name().matches("label \\d+") ? Integer.parseInt(c.name().substring(6)) : 0;
            classes.add(value >= 1 && value <= names.size() ? unnamed(c.label(), names.get(value - 1)) : c);
        }
        return new LabelVolume(lv.labels(), lv.geometry(), classes);
    }

    /** label,name rows (a header line and quotes allowed). */
    static Map<Integer, String> classTable(Path table) throws IOException {
        Map<Integer, String> names = new TreeMap<>();
        for (String line : Files.readAllLines(table, StandardCharsets.UTF_8)) {
            int comma = line.indexOf(',');
            if (comma < 0 || !line.substring(0, comma).trim().matches("\\d+")) continue; // the header
            String name = line.substring(comma + 1).trim();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1).replace("\"\"", "\"");
            }
            names.put(Integer.parseInt(line.substring(0, comma).trim()), name);
        }
        return names;
    }

    private static SegmentClass unnamed(int label, String name) {
        return new SegmentClass(label, name, SegmentClass.hue(label, 8), SegmentClass.ANATOMICAL_STRUCTURE,
                new CodedConcept("", "", name));
    }

    /**
     * {@code src} on the target grid. Where each target voxel's centre is a whole source voxel
     * (the same grid, a crop, flipped or swapped axes) it takes that voxel, losslessly; on any
     * other grid the map is resampled ({@link LabelResampling}) and a warning says so, with the
     * labelled volume before and after and any class too thin to survive.
     */
    static LabelVolume onGrid(LabelVolume src, Geometry t, Path file, Consumer<String> warn) throws IOException {
        int[][] axis = new int[3][3];
        int[] start = wholeVoxelMapping(src.geometry(), t, axis);
        return start != null ? copied(src, t, start, axis, file, warn) : resampled(src, t, file, warn);
    }

    /**
     * The source voxel of target voxel (0,0,0), with {@code axis[a]} set to the source step of a
     * target step along a; null unless every target voxel centre is a whole source voxel (within
     * 0.05 of one) and the axes map one to one.
     */
    private static int[] wholeVoxelMapping(Geometry s, Geometry t, int[][] axis) {
        LabelResampling.Affine toSource = LabelResampling.Affine.between(t, s);
        double[] p0 = toSource.origin();
        for (int a = 0; a < 3; a++) {
            for (int c = 0; c < 3; c++) {
                double step = toSource.step()[a][c];
                long r = Math.round(step);
                if (Math.abs(step - r) > 0.01 || Math.abs(r) > 1) return null;
                axis[a][c] = (int) r;
            }
            if (Math.abs(axis[a][0]) + Math.abs(axis[a][1]) + Math.abs(axis[a][2]) != 1) return null;
        }
        int[] start = new int[3];
        for (int c = 0; c < 3; c++) {
            start[c] = (int) Math.round(p0[c]);
            if (Math.abs(p0[c] - start[c]) > 0.05) return null;
            if (Math.abs(axis[0][c]) + Math.abs(axis[1][c]) + Math.abs(axis[2][c]) != 1) return null;
        }
        return start;
    }

    private static LabelVolume copied(LabelVolume src, Geometry t, int[] start, int[][] axis, Path file,
            Consumer<String> warn) throws IOException {
        byte[] in = src.labels(), out = new byte[Math.toIntExact(t.voxelCount())];
        int[] sd = src.geometry().dims();
        long kept = 0;
        for (int z = 0, i = 0; z < t.nz(); z++) {
            for (int y = 0; y < t.ny(); y++) {
                for (int x = 0; x < t.nx(); x++, i++) {
                    int sx = start[0] + x * axis[0][0] + y * axis[1][0] + z * axis[2][0];
                    int sy = start[1] + x * axis[0][1] + y * axis[1][1] + z * axis[2][1];
                    int sz = start[2] + x * axis[0][2] + y * axis[1][2] + z * axis[2][2];
                    if (sx < 0 || sy < 0 || sz < 0 || sx >= sd[0] || sy >= sd[1] || sz >= sd[2]) continue;
                    out[i] = in[sx + sd[0] * (sy + sd[1] * sz)];
                    if (out[i] != 0) kept++;
                }
            }
        }
        long labelled = 0;
        for (byte b : in) if (b != 0) labelled++;
        if (labelled > 0 && kept == 0) throw noOverlap(src.geometry(), t, file);
        if (kept < labelled) warn.accept((labelled - kept) + " labelled voxels lie outside the series: left out");
        return new LabelVolume(out, t, src.classes());
    }

    private static IOException noOverlap(Geometry s, Geometry t, Path file) {
        return new IOException(file + ": none of its labels lands on the series: its grid (" + s
                + ") does not overlap the series' grid (" + t + ")");
    }

    private static LabelVolume resampled(LabelVolume src, Geometry t, Path file, Consumer<String> warn) throws IOException {
        LabelResampling.Result r = LabelResampling.onto(src, t);
        double before = labelledMl(r.before(), src.geometry()), after = labelledMl(r.after(), t);
        if (before > 0 && r.outside() == voxels(r.before())) throw noOverlap(src.geometry(), t, file);
        warn.accept(String.format(java.util.Locale.ROOT, "resampled from its own grid (%s) onto the series' (%s):"
                + " each label interpolated linearly, the heaviest kept; labelled volume %.2f mL, now %.2f mL",
                src.geometry().describe(), t.describe(), before, after));
        if (r.outside() > 0) warn.accept(r.outside() + " labelled voxels lie outside the series: left out");
        LabelResampling.warnLost(r, warn);
        return r.labels();
    }

    private static double labelledMl(long[] histogram, Geometry g) {
        return voxels(histogram) * g.voxelVolumeMm3() / 1000;
    }

    private static long voxels(long[] histogram) {
        long n = 0;
        for (int l = 1; l < histogram.length; l++) n += histogram[l];
        return n;
    }
}
