package org.atrous.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.atrous.dicom.InstanceSummary;
import org.atrous.dicom.LabelMaps;
import org.atrous.dicom.LabelObjects;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.RejectedFile;
import org.atrous.dicom.RtStructReader;
import org.atrous.dicom.SegReader;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.StructureNames;
import org.atrous.dicom.SeriesReadResult;
import org.atrous.dicom.SeriesReader;
import org.atrous.dicom.UnreadableFileException;
import org.atrous.dicom.Volume;
import org.atrous.dicom.ZippedFiles;
import org.atrous.model.train.TrainingCase;
import org.atrous.progress.ProgressListener;

/**
 * Annotated DICOM cases, for training and evaluation: image series labelled by a DICOM SEG or an
 * RT Structure Set, from case folders or from an archive as a site exports it. Each case is read
 * when asked for ({@link CaseList}).
 */
public final class DicomCases {

    private DicomCases() { }

    /**
     * Cases from a folder of case folders, each holding one DICOM series and a {@code seg.dcm}
     * that references it (the SEG's segments define the classes) or an RT Structure Set
     * ({@code rtstruct.dcm}, else any RTSTRUCT file in the folder) or a label map on its voxels
     * (NRRD as 3D Slicer saves it, NIfTI: {@link LabelMaps}; {@code roiNames} names its values
     * when given), each read when asked for
     * ({@link CaseList}); RT Structure Sets give the classes {@code roiNames} names (by ROI
     * name, case aside; {@code ROI=CLASS} entries rename), or when null the first structure
     * set's ROIs, looked up by name in every later case so that all cases share their labels.
     */
    public static CaseList folders(Path root, List<String> roiNames, ProgressListener l) throws IOException {
        List<Path> folders;
        try (Stream<Path> s = Files.list(root)) {
            folders = s.filter(Files::isDirectory).sorted().toList();
        }
        RoiNames names = new RoiNames(roiNames);
        List<String> ids = new ArrayList<>(), sources = new ArrayList<>();
        List<CaseList.Loader> loaders = new ArrayList<>();
        for (Path f : folders) {
            Path seg = findSeg(f), rt = seg == null ? findRtStruct(f) : null, map = seg == null && rt == null
                    ? findLabelMap(f) : null;
            if (seg == null && rt == null && map == null) {
                l.log("skipped " + f + ": no seg.dcm, no RT Structure Set and no label map (NRRD, NIfTI)");
                continue;
            }
            Path labels = seg != null ? seg : rt != null ? rt : map;
            ids.add(f.getFileName().toString());
            sources.add(f.toString());
            loaders.add(() -> labelledCase(f.getFileName().toString(), new SeriesReader().read(f, ProgressListener.NONE),
                    labels, names, l));
        }
        return new CaseList(ids, sources, loaders);
    }

    /**
     * Cases from an archive as sites keep one (a PACS export, folders of any depth, zips): every SEG
     * or RT Structure Set in it becomes a case on the image series it references, found by
     * Series Instance UID anywhere under {@code root}, each read when asked for. RT Structure
     * Sets are read as in {@link #folders}. A label map (NRRD, NIfTI), which names no series, is
     * a case on the one image series in its folder, if its labels are named (or names are given).
     * A label object whose series is absent is skipped with the reason in a log line now; one
     * whose series or labels cannot be read, when read. A zip is read entry by entry as the batch
     * reads it ({@link ZippedFiles}): only the case being read is copied out, and only while it is.
     */
    public static CaseList archive(Path root, List<String> roiNames, ProgressListener l) {
        ArchiveScan scan = ArchiveScan.of(root, roiNames != null, l);
        RoiNames names = new RoiNames(roiNames);
        List<String> ids = new ArrayList<>(), sources = new ArrayList<>();
        List<CaseList.Loader> loaders = new ArrayList<>();
        for (Map.Entry<Path, String> e : scan.labelObjects().entrySet()) {
            Path file = e.getKey();
            List<Path> series = scan.imageFiles().get(e.getValue());
            if (series == null) {
                l.log("skipped " + file + ": the series it labels (" + e.getValue() + ") is not under " + root);
                continue;
            }
            String id = within(root, file);
            ids.add(id);
            sources.add(file.toString());
            loaders.add(() -> archivedCase(id, series, file, names, l));
        }
        return new CaseList(ids, sources, loaders);
    }

    /**
     * {@code file} relative to {@code root} when under it (a zip's entries too; a zip given as the
     * root keeps its name: {@code site.zip!/p2/seg.dcm}), else as it is.
     */
    private static String within(Path root, Path file) {
        Path r = root.toAbsolutePath().normalize(), f = file.toAbsolutePath().normalize();
        if (Files.isRegularFile(r) && r.getParent() != null) r = r.getParent();
        return f.startsWith(r) && !f.equals(r) ? r.relativize(f).toString() : file.toString();
    }

    /** A case of an archive, its zipped files copied out for the reading and removed after it. */
    private static TrainingCase archivedCase(String id, List<Path> series, Path labels, RoiNames names,
                                             ProgressListener l) throws IOException {
        try (ZippedFiles zips = new ZippedFiles()) {
            ProgressListener shown = new ProgressListener() {
                @Override public void log(String message) { l.log(zips.shown(message)); }
                @Override public boolean isCanceled() { return l.isCanceled(); }
            };
            try {
                List<Path> files = zips.local(series.stream().map(Path::toString).toList());
                return labelledCase(id, new SeriesReader().read(files, ProgressListener.NONE),
                        zips.local(labels.toString()), names, shown);
            } catch (IOException e) {
                throw new IOException(zips.shown(String.valueOf(e.getMessage())), e);
            }
        }
    }

    /** An archive's image files by series UID, and its label objects with the series each labels. */
    private record ArchiveScan(Map<String, List<Path>> imageFiles, Map<Path, String> labelObjects) {
        static ArchiveScan of(Path root, boolean namesGiven, ProgressListener l) {
            ArchiveScan scan = new ArchiveScan(new java.util.TreeMap<>(), new java.util.TreeMap<>());
            List<Path> maps = new ArrayList<>();
            List<RejectedFile> rejected = new ArrayList<>();
            try (ZippedFiles zips = new ZippedFiles()) {
                for (java.io.File f : InstanceSummary.archiveCandidates(List.of(root), rejected)) {
                    String name = f.getPath();
                    try {
                        Path readable = zips.local(name); // a zip's entry copied out, one at a time
                        try {
                            scan.add(Path.of(name), readable, InstanceSummary.read(readable.toFile()));
                        } catch (UnreadableFileException e) {
                            if (LabelMaps.isLabelMap(readable)) maps.add(Path.of(name)); // else neither series nor labels
                        }
                    } catch (IOException e) {
                        l.log("skipped " + name + ": " + zips.shown(String.valueOf(e.getMessage())));
                    } finally {
                        zips.release(name);
                    }
                }
                for (Path m : maps) scan.pairLabelMap(m, zips, namesGiven, l);
            }
            for (RejectedFile r : rejected) l.log("skipped " + r.path() + ": " + r.reason());
            return scan;
        }

        private void add(Path name, Path readable, InstanceSummary s) {
            if (s.image() && s.problem() == null) {
                imageFiles.computeIfAbsent(s.seriesUid(), k -> new ArrayList<>()).add(name);
            } else if (!s.image()) { // a SEG or an RT Structure Set is no image object
                String labelled = LabelObjects.referencedSeries(readable);
                if (labelled != null) labelObjects.put(name, labelled);
            }
        }

        /** The map as a case on the one image series in its folder, when its labels are named. */
        private void pairLabelMap(Path map, ZippedFiles zips, boolean namesGiven, ProgressListener l) {
            try {
                String uid = LabelMaps.seriesLabelledBy(map, zips.local(map.toString()), imageFiles, namesGiven,
                        w -> l.log("skipped " + map + ": " + w));
                if (uid != null) labelObjects.put(map, uid);
            } catch (IOException e) {
                l.log("skipped " + map + ": " + zips.shown(String.valueOf(e.getMessage())));
            } finally {
                zips.release(map.toString());
            }
        }
    }

    /** The classes RT Structure Sets are read with: those named, else the first one's ROIs. */
    private static final class RoiNames {
        private List<String> names;
        private final boolean given;

        RoiNames(List<String> names) {
            this.names = names;
            this.given = names != null;
        }

        /**
         * The structure set's labels; the first one read without names names the classes for the
         * rest, and a later one's ROIs beyond them are said to be left out (no one chose that).
         */
        synchronized LabelVolume read(Path rt, Volume image, ProgressListener l) throws IOException {
            RtStructReader.Rasterized r = RtStructReader.read(rt, image, names);
            r.warnings().forEach(w -> l.log(rt.getFileName() + ": " + w));
            if (names == null) {
                names = r.labels().classes().stream().map(SegmentClass::name).toList();
                l.log("classes from " + rt + ": its ROIs " + names + " (name the ones to use to leave the rest out)");
            } else if (!given) {
                List<String> extra = r.structureSet().rois().stream().filter(x -> !x.contours().isEmpty())
                        .map(RtStructReader.Roi::name)
                        .filter(n -> names.stream().noneMatch(k -> StructureNames.same(k, n))).toList();
                if (!extra.isEmpty()) {
                    l.log(rt.getFileName() + ": ROI(s) " + extra + " are none of the classes " + names
                            + " taken from the first structure set: left out (name every class to keep them)");
                }
            }
            return r.labels();
        }
    }

    /** The case of the one image series read, labelled by a SEG or an RT Structure Set. */
    private static TrainingCase labelledCase(String id, SeriesReadResult read, Path labels, RoiNames names,
                                             ProgressListener l) throws IOException {
        List<Volume> images = read.volumes().stream().filter(v -> !v.slices().isEmpty()).toList();
        if (images.size() != 1) throw new IOException("expected one image series, found " + images.size());
        Volume image = images.get(0);
        LabelVolume lv = LabelMaps.isLabelMap(labels)
                ? LabelMaps.read(labels, image.geometry(), names.given ? names.names : null,
                        w -> l.log(labels.getFileName() + ": " + w))
                : RtStructReader.isRtStruct(labels) ? names.read(labels, image, l)
                : SegReader.read(labels, image, w -> l.log(labels.getFileName() + ": " + w));
        return new TrainingCase(id, image, lv);
    }

    /** The first label map (NRRD, a Slicer .seg.nrrd, NIfTI) among the folder's files in name order, else null. */
    private static Path findLabelMap(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).sorted().filter(LabelMaps::isLabelMap).findFirst().orElse(null);
        }
    }

    private static Path findSeg(Path folder) throws IOException {
        Path seg = folder.resolve("seg.dcm");
        return Files.isRegularFile(seg) ? seg : null;
    }

    /** {@code rtstruct.dcm}, else the first RT Structure Set among the folder's files in name order, else null. */
    private static Path findRtStruct(Path folder) throws IOException {
        Path named = folder.resolve("rtstruct.dcm");
        if (RtStructReader.isRtStruct(named)) return named;
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).sorted().filter(RtStructReader::isRtStruct).findFirst().orElse(null);
        }
    }
}
