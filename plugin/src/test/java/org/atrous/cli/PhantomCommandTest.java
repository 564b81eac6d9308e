package org.atrous.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhantomCommandTest {
    @TempDir Path dir;

    private static int run(String... args) {
        return AtrousCli.commandLine().execute(args);
    }

    @Test
    void writesSeriesSegNiftiAndDescription() throws Exception {
        Path out = dir.resolve("p");
        assertEquals(0, run("phantom", "--seed", "3", "--out", out.toString(), "--size", "128", "--slices", "6",
                "--slice-spacing", "10", "--preview"));
        try (var files = Files.list(out.resolve("ct"))) {
            assertEquals(6, files.count());
        }
        for (String f : new String[] {"seg.dcm", "labels.nii.gz", "phantom.json", "preview.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertTrue(Files.readString(out.resolve("phantom.json")).contains("\"10200004\""));
        try (var siblings = Files.list(dir)) {
            assertEquals(1, siblings.count(), "a temporary folder was left behind");
        }
    }

    @Test
    void sameSeedWritesByteIdenticalFiles() throws Exception {
        String[] common = {"--seed", "8", "--size", "128", "--slices", "4", "--tumours", "2"};
        Path a = dir.resolve("a"), b = dir.resolve("b");
        assertEquals(0, run(concat(new String[] {"phantom", "--out", a.toString()}, common)));
        assertEquals(0, run(concat(new String[] {"phantom", "--out", b.toString()}, common)));
        for (String f : new String[] {"ct/IMG0001.dcm", "ct/IMG0004.dcm", "seg.dcm", "labels.nii.gz", "phantom.json"}) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
    }

    private static String[] concat(String[] x, String[] y) {
        String[] r = java.util.Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, r, x.length, y.length);
        return r;
    }

    @Test
    void refusesToOverwriteWithoutForce() throws Exception {
        Path out = dir.resolve("p");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "mine");
        assertEquals(2, run("phantom", "--seed", "1", "--out", out.toString(), "--size", "128", "--slices", "2"));
        assertEquals("mine", Files.readString(out.resolve("keep.txt")));
        assertEquals(0, run("phantom", "--seed", "1", "--out", out.toString(), "--size", "128", "--slices", "2", "--force"));
        assertFalse(Files.exists(out.resolve("keep.txt")));
    }

    @Test
    void badOptionFailsWithoutOutput() {
        Path out = dir.resolve("bad");
        assertEquals(2, run("phantom", "--seed", "1", "--out", out.toString(), "--size", "0"));
        assertFalse(Files.exists(out));
    }
}
