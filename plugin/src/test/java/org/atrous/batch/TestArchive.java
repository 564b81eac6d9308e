package org.atrous.batch;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TransferSyntax;
import org.atrous.dicom.CtSeriesWriter;
import org.atrous.dicom.SegWriter;
import org.atrous.dicom.SeriesIdentity;
import org.atrous.dicom.SliceSource;
import org.atrous.dicom.Volume;
import org.atrous.phantom.AbdomenPhantom;
import org.atrous.phantom.Phantom;
import org.atrous.phantom.PhantomOptions;
import org.atrous.progress.ProgressListener;

/** Builds small archives of phantom series, good and bad, for the batch tests. */
final class TestArchive {

    static final int SIZE = 128;
    static final int SLICES = 6;

    private TestArchive() { }

    static PhantomOptions options(long seed) {
        return options(seed, SLICES);
    }

    static PhantomOptions options(long seed, int slices) {
        return new PhantomOptions(seed, SIZE, slices, 0, 5, 5, 1, 15, false);
    }

    /** Writes the phantom of {@code seed} as a CT series into {@code dir}; returns it. */
    static Phantom ct(long seed, Path dir) throws IOException {
        return ct(seed, dir, SLICES);
    }

    static Phantom ct(long seed, Path dir, int slices) throws IOException {
        Phantom p = AbdomenPhantom.generate(options(seed, slices), ProgressListener.NONE);
        Files.createDirectories(dir.getParent());
        CtSeriesWriter.write(p.ct(), dir, "", ProgressListener.NONE);
        return p;
    }

    /** The phantom of {@code seed} stored as a CT series of {@code study}'s study (new series and instance UIDs). */
    static String ctInStudy(long seed, SeriesIdentity study, Path dir) throws IOException {
        Volume ct = AbdomenPhantom.generate(options(seed), ProgressListener.NONE).ct();
        SeriesIdentity i = ct.identity();
        String uid = SegWriter.randomUid();
        SeriesIdentity id = new SeriesIdentity(study.patientId(), study.patientName(), study.patientBirthDate(),
                study.patientSex(), study.studyInstanceUid(), study.studyId(), study.studyDate(), study.studyTime(),
                study.studyDescription(), study.accessionNumber(), uid, "3", "second CT of the study",
                study.frameOfReferenceUid(), "CT", i.manufacturer());
        List<SliceSource> slices = new ArrayList<>();
        for (SliceSource s : ct.slices()) slices.add(new SliceSource(SegWriter.randomUid(), s.sopClassUid(), "", 1, ""));
        Files.createDirectories(dir.getParent());
        CtSeriesWriter.write(new Volume(ct.data(), ct.geometry(), id, slices, null, List.of()), dir, "", ProgressListener.NONE);
        return uid;
    }

    /** The phantom of {@code seed} stored as an MR series (new UIDs, modality MR). */
    static void mr(long seed, Path dir) throws IOException {
        Volume ct = AbdomenPhantom.generate(options(seed), ProgressListener.NONE).ct();
        SeriesIdentity i = ct.identity();
        SeriesIdentity id = new SeriesIdentity(i.patientId(), i.patientName(), i.patientBirthDate(), i.patientSex(),
                i.studyInstanceUid(), i.studyId(), i.studyDate(), i.studyTime(), i.studyDescription(), i.accessionNumber(),
                SegWriter.randomUid(), "2", "MR of the phantom", i.frameOfReferenceUid(), "MR", i.manufacturer());
        List<SliceSource> slices = new ArrayList<>();
        for (SliceSource s : ct.slices()) slices.add(new SliceSource(SegWriter.randomUid(), CtSeriesWriter.MR_IMAGE_STORAGE, "", 1, ""));
        float[] values = ct.data().clone();
        for (int k = 0; k < values.length; k++) values[k] = Math.max(0, values[k] + 1000);
        Files.createDirectories(dir.getParent());
        CtSeriesWriter.write(new Volume(values, ct.geometry(), id, slices, null, List.of()), dir, "", ProgressListener.NONE);
    }

    /**
     * Relabels every file of a series as MPEG-2 video (a transfer syntax the reader does not
     * decode), keeping the native pixel data: the reader must refuse it from the header, as it
     * would a real one.
     */
    static void declareUndecodable(Path dir) throws Exception {
        for (Path f : files(dir)) {
            AttributeList l = new AttributeList();
            l.read(f.toFile());
            FileMetaInformation.addFileMetaInformation(l, "1.2.840.10008.1.2.4.100", "ATROUS_TEST");
            l.write(f.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
        }
    }

    /** Cuts a file to 60 % of its length: its header still reads, its pixel data are short. */
    static void truncate(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(b, b.length * 6 / 10));
    }

    static void garbage(Path file, long seed) throws IOException {
        byte[] b = new byte[4096];
        new Random(seed).nextBytes(b);
        Files.createDirectories(file.getParent());
        Files.write(file, b);
    }

    static void copyTree(Path from, Path to) throws IOException {
        for (Path f : files(from)) {
            Path t = to.resolve(from.relativize(f).toString());
            Files.createDirectories(t.getParent());
            Files.copy(f, t, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Splits one CSV line with quoted fields. */
    static List<String> csvFields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') { cur.append('"'); i++; }
                else if (c == '"') quoted = false;
                else cur.append(c);
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    static String absolute(File f) {
        return f.toPath().toAbsolutePath().normalize().toString();
    }
}
