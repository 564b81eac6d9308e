package org.atrous.dicom;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.atrous.phantom.AbdomenPhantom;
import org.atrous.phantom.Phantom;
import org.atrous.phantom.PhantomOptions;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhantomDicomWriteTest {
    @TempDir static Path dir;
    static Phantom phantom;
    static Path ct, seg;

    @BeforeAll
    static void write() throws Exception {
        phantom = AbdomenPhantom.generate(new PhantomOptions(5, 128, 12, 0, 8, 8, 2, 15, false), ProgressListener.NONE);
        ct = dir.resolve("ct");
        CtSeriesWriter.write(phantom.ct(), ct, "", ProgressListener.NONE);
        seg = dir.resolve("seg.dcm");
        SegWriter.write(phantom.labels(), phantom.ct(), SegmentationAlgorithm.manual("phantom ground truth"),
                SegWriter.Target.fresh(2, "ground truth"), seg);
    }

    @Test
    void ctSlicesPassDciodvfy() throws Exception {
        try (var files = Files.list(ct)) {
            List<Path> slices = files.sorted().toList();
            assertEquals(12, slices.size());
            for (Path p : List.of(slices.get(0), slices.get(11))) {
                assertEquals(List.of(), Dciodvfy.errors(p), Dciodvfy.report(p));
            }
        }
    }

    @Test
    void segPassesDciodvfy() throws Exception {
        assertEquals(List.of(), Dciodvfy.errors(seg), Dciodvfy.report(seg));
    }

    @Test
    void existingOutputIsNotOverwritten() {
        assertThrows(java.io.IOException.class, () -> CtSeriesWriter.write(phantom.ct(), ct, "", ProgressListener.NONE));
    }
}
