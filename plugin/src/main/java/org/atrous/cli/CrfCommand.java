package org.atrous.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.atrous.crf.CrfResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code atrous crf}: DenseCRF on the raw files of the DenseCRF reference cases (uint8 image,
 * float32 little-endian unary energies, label-major; uint8 labels out).
 */
@Command(name = "crf", mixinStandardHelpOptions = true,
        description = "Fully connected CRF (permutohedral lattice) on raw unary.f32 + image.u8 files.")
public final class CrfCommand implements Callable<Integer> {

    @Option(names = "--width", required = true) int width;
    @Option(names = "--height", required = true) int height;
    @Option(names = "--depth", defaultValue = "1") int depth;
    @Option(names = "--labels", required = true) int labels;
    @Option(names = "--unary", required = true, description = "float32 -log P, L planes of W*H*D") Path unary;
    @Option(names = "--image", required = true, description = "uint8 gray image, W*H*D bytes") Path image;
    @Option(names = "--out", required = true, description = "uint8 labels to write") Path out;
    @Option(names = "--repeat", defaultValue = "1", description = "run R times after warm-up runs (at least one, more until 2 s have passed) and print median timings") int repeat;
    @Mixin CrfKernelOptions kernel = new CrfKernelOptions();

    @Override
    public Integer call() {
        try {
            int[] dims = checkedDims();
            long n = (long) dims[0] * dims[1] * dims[2];
            checkSize(image, n, "--image");
            checkSize(unary, n * labels * 4, "--unary");
            float[] img = readImage(image, (int) n);
            float[] u = readFloats(unary, (int) (n * labels));
            CrfResult result = CrfTiming.run(() -> kernel.build(dims, labels, u, img), kernel.iterations,
                    repeat, System.out);
            writeAtomically(out, result.labels());
            return 0;
        } catch (IllegalArgumentException | IOException | UncheckedIOException e) {
            System.err.println("atrous crf: " + e.getMessage());
            return 1;
        }
    }

    private int[] checkedDims() {
        if (width < 1 || height < 1 || depth < 1) throw new IllegalArgumentException("--width, --height and --depth must be positive");
        if (labels < 1 || labels > 255) throw new IllegalArgumentException("--labels must be 1..255, got " + labels);
        if (repeat < 1) throw new IllegalArgumentException("--repeat must be at least 1");
        if ((long) width * height * depth * labels > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("volume x labels too large");
        kernel.validate();
        return new int[] {width, height, depth};
    }

    private static void checkSize(Path p, long expected, String option) throws IOException {
        if (!Files.isRegularFile(p)) throw new IllegalArgumentException(option + " " + p + ": no such file");
        long size = Files.size(p);
        if (size != expected) {
            throw new IllegalArgumentException(option + " " + p + " has " + size + " bytes, expected " + expected);
        }
    }

    static float[] readImage(Path p, int n) throws IOException {
        byte[] b = Files.readAllBytes(p);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) f[i] = b[i] & 0xFF;
        return f;
    }

    static float[] readFloats(Path p, int count) throws IOException {
        byte[] b = Files.readAllBytes(p);
        float[] f = new float[count];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
        return f;
    }

    /** Writes to a temporary name next to the target, renamed once complete. */
    static void writeAtomically(Path target, byte[] data) throws IOException {
        Path abs = target.toAbsolutePath();
        Path tmp = abs.resolveSibling(abs.getFileName() + ".part");
        Files.write(tmp, data);
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
