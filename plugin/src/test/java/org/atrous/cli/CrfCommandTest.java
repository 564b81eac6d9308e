package org.atrous.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.atrous.crf.Compatibility;
import org.atrous.crf.DenseCrf;
import org.atrous.crf.GridFeatures;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrfCommandTest {

    @TempDir Path dir;

    /** Raw files in, labels out: the same labels as the library gives on the same arrays. */
    @Test
    void roundTripMatchesLibrary() throws IOException {
        int w = 24, h = 20, d = 3, labels = 3, n = w * h * d;
        Random rnd = new Random(11);
        byte[] image = new byte[n];
        float[] unary = new float[labels * n];
        for (int i = 0; i < n; i++) {
            image[i] = (byte) ((i % w < w / 2 ? 60 : 180) + rnd.nextInt(20));
            for (int l = 0; l < labels; l++) unary[l * n + i] = (float) (rnd.nextDouble() * 2);
        }
        Files.write(dir.resolve("image.u8"), image);
        ByteBuffer buf = ByteBuffer.allocate(4 * unary.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(unary);
        Files.write(dir.resolve("unary.f32"), buf.array());
        Path out = dir.resolve("labels.u8");
        int rc = AtrousCli.commandLine().execute("crf", "--width", "" + w, "--height", "" + h, "--depth", "" + d,
                "--labels", "" + labels, "--unary", dir.resolve("unary.f32").toString(),
                "--image", dir.resolve("image.u8").toString(), "--out", out.toString(), "--repeat", "2");
        assertEquals(0, rc);
        float[] img = new float[n];
        for (int i = 0; i < n; i++) img[i] = image[i] & 0xFF;
        int[] dims = {w, h, d};
        double[] sp = {1, 1, 1};
        byte[] expected = new DenseCrf(n, labels).setUnaryEnergy(unary)
                .addPairwise(GridFeatures.spatial(dims, sp, 3), Compatibility.potts(3))
                .addPairwise(GridFeatures.bilateral(dims, sp, 80, img, 13, 1), Compatibility.potts(10))
                .inference(5, ProgressListener.NONE).labels();
        assertArrayEquals(expected, Files.readAllBytes(out));
    }

    @Test
    void wrongFileSizeFailsWithoutOutput() throws IOException {
        Files.write(dir.resolve("image.u8"), new byte[99]);
        Files.write(dir.resolve("unary.f32"), new byte[8 * 100]);
        Path out = dir.resolve("labels.u8");
        int rc = AtrousCli.commandLine().execute("crf", "--width", "10", "--height", "10", "--labels", "2",
                "--unary", dir.resolve("unary.f32").toString(), "--image", dir.resolve("image.u8").toString(),
                "--out", out.toString());
        assertEquals(1, rc);
        assertFalse(Files.exists(out));
    }

    @Test
    void nonPositiveSdFails() throws IOException {
        Files.write(dir.resolve("image.u8"), new byte[4]);
        Files.write(dir.resolve("unary.f32"), new byte[32]);
        int rc = AtrousCli.commandLine().execute("crf", "--width", "2", "--height", "2", "--labels", "2",
                "--unary", dir.resolve("unary.f32").toString(), "--image", dir.resolve("image.u8").toString(),
                "--out", dir.resolve("o.u8").toString(), "--bilateral-si", "0");
        assertEquals(1, rc);
    }

    /** NaN unaries, too many labels: a message and exit 1 before any CRF work, nothing written. */
    @Test
    void nonFiniteUnaryOrTooManyLabelsFail() throws IOException {
        Files.write(dir.resolve("image.u8"), new byte[4]);
        ByteBuffer buf = ByteBuffer.allocate(4 * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(new float[] {0, 1, Float.NaN, 1, 0, 1, 0, 1});
        Files.write(dir.resolve("unary.f32"), buf.array());
        Path out = dir.resolve("o.u8");
        String[] common = {"crf", "--width", "2", "--height", "2", "--unary", dir.resolve("unary.f32").toString(),
                "--image", dir.resolve("image.u8").toString(), "--out", out.toString()};
        java.io.PrintStream oldErr = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true));
        try {
            assertEquals(1, AtrousCli.commandLine().execute(concat(common, "--labels", "2")));
            assertEquals(1, AtrousCli.commandLine().execute(concat(common, "--labels", "256")));
        } finally {
            System.setErr(oldErr);
        }
        String text = err.toString();
        assertTrue(text.contains("NaN"), text);
        assertTrue(text.contains("--labels must be 1..255"), text);
        assertFalse(Files.exists(out));
    }

    /** The last line gives setup, inference and total, as the issue's benchmark contract asks. */
    @Test
    void lastLineGivesMedianTimings() throws IOException {
        int w = 8, h = 6, labels = 2, n = w * h;
        Files.write(dir.resolve("image.u8"), new byte[n]);
        Files.write(dir.resolve("unary.f32"), new byte[4 * labels * n]);
        java.io.PrintStream oldOut = System.out;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(out, true));
        try {
            assertEquals(0, AtrousCli.commandLine().execute("crf", "--width", "" + w, "--height", "" + h,
                    "--labels", "" + labels, "--unary", dir.resolve("unary.f32").toString(),
                    "--image", dir.resolve("image.u8").toString(), "--out", dir.resolve("l.u8").toString(),
                    "--rgb-replicate", "--repeat", "3"));
        } finally {
            System.setOut(oldOut);
        }
        String[] lines = out.toString().trim().split("\\R");
        String last = lines[lines.length - 1];
        assertTrue(last.matches("setup \\d+\\.\\d{3} inference \\d+\\.\\d{3} total \\d+\\.\\d{3} \\(median of 3 after warm-up\\)"),
                last);
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
