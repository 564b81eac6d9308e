package org.atrous.dicom;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Reads NRRD label maps ({@code .nrrd}, {@code .seg.nrrd}, a detached {@code .nhdr}), the format
 * 3D Slicer and dcmqi keep segmentations in: a text header (type, sizes, encoding raw/gzip/ascii,
 * endian, the patient space and its axis directions) and the samples, x fastest. Slicer's
 * segmentation files name their segments in the header ({@code Segment0_Name:=Liver},
 * {@code Segment0_LabelValue:=1}, {@code Segment0_Layer:=0}); a segmentation whose segments
 * overlap comes as a 4-D file with one layer per list entry, whose layers are merged here.
 * Written after the NRRD0005 specification (teem.sourceforge.net/nrrd/format.html); no Java
 * library on Maven Central reads it without bringing a framework along.
 */
public final class NrrdReader {

    /** What a NRRD file holds: its samples as integers, their grid, and its key/value pairs. */
    public record Nrrd(int[] sizes, Geometry geometry, int[] samples, Map<String, String> keyValues) { }

    private NrrdReader() { }

    /** True when the file starts with NRRD's magic line. */
    public static boolean isNrrd(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(7);
            return new String(head, StandardCharsets.US_ASCII).equals("NRRD000");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The label map, its classes named by the file's segment metadata, else "label N". Where the
     * layers of a 4-D segmentation overlap, the smaller segment wins (a lesion inside its organ
     * stays a lesion), as it does for RT Structure Sets; {@code warn} hears how many voxels.
     */
    public static LabelVolume readLabels(Path file, java.util.function.Consumer<String> warn) throws IOException {
        Nrrd n = read(file);
        int layers = n.sizes().length == 4 ? n.sizes()[0] : 1;
        int voxels = Math.toIntExact(n.geometry().voxelCount());
        Map<Long, String> names = segmentNames(n.keyValues(), layers);
        // (layer, value) -> label 1..255: the named segments in the file's order, then the rest as met
        Map<Long, Integer> labelOf = new LinkedHashMap<>();
        names.keySet().forEach(k -> labelOf.put(k, labelOf.size() + 1));
        long[] count = new long[256];
        for (int j = 0; j < n.samples().length; j++) {
            if (n.samples()[j] == 0) continue;
            if (n.samples()[j] < 0) throw new IOException(file + ": negative label value " + n.samples()[j]);
            Integer label = labelOf.computeIfAbsent(key(j % layers, n.samples()[j]), k -> labelOf.size() + 1);
            if (label > 255) throw new IOException(file + ": more than 255 labels");
            count[label]++;
        }
        byte[] labels = new byte[voxels];
        long overlaps = 0;
        for (int j = 0; j < n.samples().length; j++) {
            if (n.samples()[j] == 0) continue;
            int label = labelOf.get(key(j % layers, n.samples()[j])), i = j / layers, was = labels[i] & 0xff;
            if (was != 0) overlaps++;
            if (was == 0 || count[label] < count[was]) labels[i] = (byte) label;
        }
        if (overlaps > 0) warn.accept(overlaps + " voxels lie in two segments: the smaller segment has them");
        List<SegmentClass> classes = new ArrayList<>();
        for (Map.Entry<Long, Integer> e : labelOf.entrySet()) {
            String name = names.getOrDefault(e.getKey(), "label " + value(e.getKey())
                    + (layers > 1 ? " (layer " + layer(e.getKey()) + ")" : ""));
            classes.add(new SegmentClass(e.getValue(), name, SegmentClass.hue(e.getValue(), labelOf.size()),
                    SegmentClass.ANATOMICAL_STRUCTURE, new CodedConcept("", "", name)));
        }
        return new LabelVolume(labels, n.geometry(), classes);
    }

    /** Slicer's segment names by (layer, label value), in the file's segment order. */
    private static Map<Long, String> segmentNames(Map<String, String> kv, int layers) {
        Map<Integer, String[]> segments = new TreeMap<>();
        for (Map.Entry<String, String> e : kv.entrySet()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("Segment(\\d+)_(Name|LabelValue|Layer)")
                    .matcher(e.getKey());
            if (!m.matches()) continue;
            String[] s = segments.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new String[3]);
            s[switch (m.group(2)) { case "Name" -> 0; case "LabelValue" -> 1; default -> 2; }] = e.getValue().trim();
        }
        Map<Long, String> names = new LinkedHashMap<>();
        for (String[] s : segments.values()) {
            if (s[0] == null || s[1] == null) continue;
            int layer = s[2] == null ? 0 : Integer.parseInt(s[2]);
            if (layer < layers) names.put(key(layer, Long.parseLong(s[1])), s[0]);
        }
        return names;
    }

    private static long key(int layer, long value) {
        return ((long) layer << 32) | value;
    }

    private static long value(long key) {
        return key & 0xffffffffL;
    }

    private static int layer(long key) {
        return (int) (key >>> 32);
    }

    /**
     * A 3-D image (a CT in HU as Slicer saves a volume): the samples as floats on their grid.
     * NRRD names no modality, so the volume has none.
     */
    public static Volume readImage(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Header h = header(bytes, file);
        if (h.sizes().length != 3) throw new IOException(file + ": a " + h.sizes().length + "-D NRRD is no image volume");
        float[] out = new float[Math.toIntExact(h.geometry().voxelCount())];
        decode(h.fields(), data(h.fields(), bytes, h.end(), file), out.length, file, (i, v) -> out[i] = (float) v);
        return new Volume(out, h.geometry(), SeriesIdentity.ofModality(""), List.of(), null, List.of());
    }

    /** The parsed header: fields, key/value pairs, sizes, grid, and where the attached data start. */
    private record Header(Map<String, String> fields, Map<String, String> keyValues, int[] sizes, Geometry geometry,
                          int end) { }

    /**
     * The header's key/value pairs ({@code Segment0_Name:=Liver}), from the first megabyte of the
     * file; neither the samples nor the grid are read.
     */
    public static Map<String, String> keyValues(Path file) throws IOException {
        byte[] head;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(1 << 20);
        }
        Map<String, String> kv = new LinkedHashMap<>();
        lines(head, headerEnd(head, file), file, new LinkedHashMap<>(), kv);
        return kv;
    }

    /** The whole file: header fields checked, samples decoded. */
    public static Nrrd read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Header h = header(bytes, file);
        long count = 1;
        for (int s : h.sizes()) count *= s;
        return new Nrrd(h.sizes(), h.geometry(), samples(h.fields(), data(h.fields(), bytes, h.end(), file), count, file),
                h.keyValues());
    }

    private static Header header(byte[] bytes, Path file) throws IOException {
        int end = headerEnd(bytes, file);
        Map<String, String> fields = new LinkedHashMap<>(), kv = new LinkedHashMap<>();
        lines(bytes, end, file, fields, kv);
        int dim = Integer.parseInt(required(fields, "dimension", file));
        int[] sizes = Arrays.stream(required(fields, "sizes", file).split("\\s+")).mapToInt(Integer::parseInt).toArray();
        if (sizes.length != dim) throw new IOException(file + ": " + sizes.length + " sizes for dimension " + dim);
        if (dim != 3 && dim != 4) throw new IOException(file + ": a " + dim + "-D NRRD is no volume");
        return new Header(fields, kv, sizes, geometry(fields, sizes, file), end);
    }

    /** The header's field lines ({@code sizes: 2 2 2}) into {@code fields}, key/value lines ({@code a:=b}) into {@code kv}. */
    private static void lines(byte[] bytes, int end, Path file, Map<String, String> fields, Map<String, String> kv)
            throws IOException {
        String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r?\n");
        if (!lines[0].startsWith("NRRD000")) throw new IOException(file + ": not a NRRD file");
        for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int kvAt = line.indexOf(":="), at = line.indexOf(": ");
            if (kvAt > 0 && (at < 0 || kvAt < at)) kv.put(line.substring(0, kvAt), line.substring(kvAt + 2));
            else if (at > 0) fields.put(line.substring(0, at).trim().toLowerCase(Locale.ROOT), line.substring(at + 2).trim());
            else throw new IOException(file + ": cannot read the header line '" + line + "'");
        }
    }

    /** Index of the first byte after the blank line that ends the header. */
    private static int headerEnd(byte[] b, Path file) throws IOException {
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == '\n' && b[i + 1] == '\n') return i + 2;
            if (b[i] == '\n' && b[i + 1] == '\r' && i + 2 < b.length && b[i + 2] == '\n') return i + 3;
        }
        if (new String(b, StandardCharsets.ISO_8859_1).contains("data file")) return b.length; // a detached header
        throw new IOException(file + ": no end of the NRRD header");
    }

    private static String required(Map<String, String> f, String key, Path file) throws IOException {
        String v = f.get(key);
        if (v == null) throw new IOException(file + ": the NRRD header has no '" + key + "' field");
        return v;
    }

    /** The spatial axes (the last three) in LPS patient coordinates. */
    private static Geometry geometry(Map<String, String> f, int[] sizes, Path file) throws IOException {
        String space = f.getOrDefault("space", "left-posterior-superior").toLowerCase(Locale.ROOT);
        double[] flip = switch (space) {
            case "left-posterior-superior", "lps", "scanner-xyz" -> new double[] {1, 1, 1};
            case "right-anterior-superior", "ras" -> new double[] {-1, -1, 1};
            case "left-anterior-superior", "las" -> new double[] {1, -1, 1};
            default -> throw new IOException(file + ": NRRD space '" + space + "' is not a patient space (LPS, RAS, LAS)");
        };
        List<double[]> dirs = vectors(f.get("space directions"), file);
        if (dirs == null) throw new IOException(file + ": the NRRD header has no 'space directions': its grid is unknown");
        dirs.removeIf(d -> d == null); // a list axis has none
        if (dirs.size() != 3) throw new IOException(file + ": " + dirs.size() + " spatial axes, not 3");
        List<double[]> origins = vectors(f.getOrDefault("space origin", "(0,0,0)"), file);
        double[] origin = origins.get(0);
        double[] spacing = new double[3], direction = new double[9];
        for (int a = 0; a < 3; a++) {
            double[] d = dirs.get(a);
            spacing[a] = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
            if (!(spacing[a] > 0)) throw new IOException(file + ": axis " + a + " has a zero space direction");
            for (int c = 0; c < 3; c++) direction[3 * a + c] = flip[c] * d[c] / spacing[a];
        }
        int n = sizes.length;
        return new Geometry(new int[] {sizes[n - 3], sizes[n - 2], sizes[n - 1]}, spacing,
                new double[] {flip[0] * origin[0], flip[1] * origin[1], flip[2] * origin[2]}, direction);
    }

    /** "(a,b,c) none (d,e,f)" as vectors, null for "none"; null when the field is absent. */
    private static List<double[]> vectors(String field, Path file) throws IOException {
        if (field == null) return null;
        List<double[]> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(([^)]*)\\)|none").matcher(field);
        while (m.find()) {
            if (m.group(1) == null) {
                out.add(null);
                continue;
            }
            String[] p = m.group(1).split(",");
            if (p.length != 3) throw new IOException(file + ": '" + m.group() + "' is not a 3-D vector");
            out.add(new double[] {Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()), Double.parseDouble(p[2].trim())});
        }
        return out;
    }

    /** The encoded sample bytes, inflated: attached after the header, or in the detached data file. */
    private static byte[] data(Map<String, String> f, byte[] bytes, int end, Path file) throws IOException {
        String detached = f.containsKey("data file") ? f.get("data file") : f.get("datafile");
        byte[] raw;
        if (detached != null) {
            if (detached.startsWith("LIST") || detached.contains("%")) {
                throw new IOException(file + ": a NRRD whose data lie in several files is not read");
            }
            Path p = Path.of(detached).isAbsolute() ? Path.of(detached) : file.resolveSibling(detached);
            raw = Files.readAllBytes(p);
        } else {
            raw = Arrays.copyOfRange(bytes, end, bytes.length);
        }
        if (!f.getOrDefault("byte skip", "0").equals("0") || !f.getOrDefault("line skip", "0").equals("0")) {
            throw new IOException(file + ": NRRD 'byte skip' and 'line skip' are not read");
        }
        String enc = required(f, "encoding", file).toLowerCase(Locale.ROOT);
        return switch (enc) {
            case "raw", "ascii", "text", "txt" -> raw;
            case "gzip", "gz" -> {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
                    yield in.readAllBytes();
                } catch (java.util.zip.ZipException | java.io.EOFException e) {
                    throw new IOException(file + ": corrupt gzip data: " + e.getMessage(), e);
                }
            }
            default -> throw new IOException(file + ": NRRD encoding '" + enc + "' is not read (raw, gzip and ascii are)");
        };
    }

    /** Receives sample i's value. */
    private interface Sink {
        void put(int i, double v) throws IOException;
    }

    private static int[] samples(Map<String, String> f, byte[] data, long count, Path file) throws IOException {
        int[] out = new int[Math.toIntExact(count)];
        decode(f, data, count, file, (i, v) -> out[i] = whole(v, file));
        return out;
    }

    /** Every sample of the file, decoded as its type says, x fastest. */
    private static void decode(Map<String, String> f, byte[] data, long count, Path file, Sink sink) throws IOException {
        String type = required(f, "type", file).toLowerCase(Locale.ROOT).replace("_t", "");
        String enc = f.get("encoding").toLowerCase(Locale.ROOT);
        if (enc.equals("ascii") || enc.equals("text") || enc.equals("txt")) {
            String[] tokens = new String(data, StandardCharsets.US_ASCII).trim().split("[\\s,]+");
            if (tokens.length < count) throw new IOException(file + ": " + tokens.length + " samples, " + count + " needed");
            for (int i = 0; i < count; i++) sink.put(i, Double.parseDouble(tokens[i]));
            return;
        }
        int bytesPer = switch (type) {
            case "signed char", "int8", "uchar", "unsigned char", "uint8" -> 1;
            case "short", "short int", "signed short", "signed short int", "int16", "ushort", "unsigned short",
                 "unsigned short int", "uint16" -> 2;
            case "int", "signed int", "int32", "uint", "unsigned int", "uint32", "float" -> 4;
            case "double" -> 8;
            default -> throw new IOException(file + ": NRRD type '" + type + "' is not read");
        };
        if ((long) data.length < count * bytesPer) {
            throw new IOException(file + ": " + data.length + " bytes of samples, " + count * bytesPer + " needed");
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(f.getOrDefault("endian", "little").equalsIgnoreCase("big")
                ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        boolean unsigned = type.startsWith("u");
        for (int i = 0; i < count; i++) {
            sink.put(i, switch (type) {
                case "float" -> b.getFloat();
                case "double" -> b.getDouble();
                default -> switch (bytesPer) {
                    case 1 -> unsigned ? b.get() & 0xff : b.get();
                    case 2 -> unsigned ? b.getShort() & 0xffff : b.getShort();
                    default -> unsigned ? b.getInt() & 0xffffffffL : b.getInt();
                };
            });
        }
    }

    private static int whole(double v, Path file) throws IOException {
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new IOException(file + ": not a label map (a sample is " + v + ")");
        }
        return (int) v;
    }
}
