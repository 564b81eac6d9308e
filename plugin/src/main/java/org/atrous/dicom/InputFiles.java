package org.atrous.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import com.pixelmed.dicom.TagFromName;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands what the user named into candidate files: a file as is, a folder walked recursively
 * (any extension; DICOM files often have none), a DICOMDIR into the files its records reference,
 * a zip (named, or found in a folder) into its unpacked files ({@link ZipInputs}).
 */
final class InputFiles {

    private static final String MEDIA_STORAGE_DIRECTORY = "1.2.840.10008.1.3.10";

    private InputFiles() { }

    static List<File> expand(List<Path> inputs, List<RejectedFile> rejected) {
        return expand(inputs, false, rejected);
    }

    /**
     * As {@link #expand(List, List)}; with {@code zipEntries} a zip's files are named in it
     * ({@link ZippedFiles#name}) instead of unpacked, for a batch that reads them series by series.
     */
    static List<File> expand(List<Path> inputs, boolean zipEntries, List<RejectedFile> rejected) {
        List<File> files = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                files.addAll(walk(p, zipEntries ? Zips.ENTRIES : Zips.UNPACKED, rejected));
            } else if (ZipInputs.isZip(p)) {
                files.addAll(zipEntries ? entries(p, rejected) : unzipped(p, rejected));
            } else if (Files.isRegularFile(p)) {
                files.addAll(isDicomDir(p.toFile()) ? referencedBy(p.toFile(), rejected) : List.of(p.toFile()));
            } else {
                rejected.add(new RejectedFile(p.toString(), "no such file or folder"));
            }
        }
        return files.stream().distinct().toList();
    }

    /** What a walk does with the zips it finds. */
    private enum Zips { UNPACKED, ENTRIES, LEFT_AS_FILES }

    /** The files of a folder and below, and of the zips in it, unless this is a zip's own folder. */
    private static List<File> walk(Path dir, Zips zips, List<RejectedFile> rejected) {
        List<Path> found;
        try (Stream<Path> s = Files.walk(dir)) {
            // A DICOMDIR inside a folder only indexes files the walk finds anyway. Checked by
            // name only: opening every file here would double the cost of indexing.
            found = s.filter(Files::isRegularFile).sorted()
                    .filter(f -> !f.getFileName().toString().equalsIgnoreCase("DICOMDIR")).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            rejected.add(new RejectedFile(dir.toString(), "folder cannot be listed: " + HeaderReader.oneLine(e)));
            return List.of();
        }
        List<File> files = new ArrayList<>();
        for (Path f : found) {
            boolean zip = zips != Zips.LEFT_AS_FILES && ZipInputs.isZip(f);
            if (zip && zips == Zips.ENTRIES) files.addAll(entries(f, rejected));
            else if (zip) files.addAll(unzipped(f, rejected));
            else files.add(f.toFile());
        }
        return files;
    }

    /** A zip's files, unpacked (a zip inside it is left as a file: no zips within zips). */
    private static List<File> unzipped(Path zip, List<RejectedFile> rejected) {
        try {
            return walk(ZipInputs.unpack(zip), Zips.LEFT_AS_FILES, rejected);
        } catch (IOException e) {
            rejected.add(new RejectedFile(zip.toString(), HeaderReader.oneLine(e)));
            return List.of();
        }
    }

    /** A zip's files by their names in it, not unpacked (a DICOMDIR left out, as in a folder). */
    private static List<File> entries(Path zip, List<RejectedFile> rejected) {
        try {
            return ZippedFiles.list(zip).stream().filter(n -> !n.toUpperCase(java.util.Locale.ROOT).endsWith("/DICOMDIR"))
                    .map(File::new).toList();
        } catch (IOException e) {
            rejected.add(new RejectedFile(zip.toString(), HeaderReader.oneLine(e)));
            return List.of();
        }
    }

    static boolean isDicomDir(File f) {
        if (f.getName().equalsIgnoreCase("DICOMDIR")) return true;
        if (!DicomSniffer.looksLikeDicom(f)) return false;
        try {
            AttributeList meta = new AttributeList();
            meta.readOnlyMetaInformationHeader(f);
            return MEDIA_STORAGE_DIRECTORY.equals(HeaderReader.string(meta, TagFromName.MediaStorageSOPClassUID));
        } catch (Exception e) {
            return false;
        }
    }

    /** The files a DICOMDIR's records point to (ReferencedFileID, relative to its folder). */
    private static List<File> referencedBy(File dicomdir, List<RejectedFile> rejected) {
        List<File> files = new ArrayList<>();
        try {
            AttributeList list = new AttributeList();
            list.read(dicomdir);
            Attribute records = list.get(TagFromName.DirectoryRecordSequence);
            if (!(records instanceof SequenceAttribute seq)) throw new IOException("no directory records");
            Iterator<SequenceItem> it = seq.iterator();
            while (it.hasNext()) {
                String[] parts = Attribute.getStringValues(it.next().getAttributeList(), TagFromName.ReferencedFileID);
                if (parts == null || parts.length == 0) continue;
                File f = dicomdir.getParentFile();
                for (String part : parts) f = new File(f, part.trim());
                if (f.isFile()) files.add(f);
                else rejected.add(new RejectedFile(f.getPath(), "listed in DICOMDIR but missing"));
            }
        } catch (Exception e) {
            rejected.add(new RejectedFile(dicomdir.getPath(), "unreadable DICOMDIR: " + HeaderReader.oneLine(e)));
        }
        return files;
    }
}
