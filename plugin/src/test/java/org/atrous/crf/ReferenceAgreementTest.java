package org.atrous.crf;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Same labels as Krähenbühl's C++ CRF on the shared reference cases (see their README). */
class ReferenceAgreementTest {

    static Path referenceDir() {
        String shared = System.getProperty("atrous.shared", System.getenv("ATROUS_SHARED"));
        return shared == null ? null : Path.of(shared, "densecrf-reference");
    }

    @ParameterizedTest
    @CsvSource({"2d_L5, 512, 512, 1, 5, 0.0005", "2d_hard_L2, 512, 512, 1, 2, 0.0005",
                "2d_L21, 512, 512, 1, 21, 0.005", "3d_L3, 160, 160, 48, 3, 0.0005"})
    void agreesWithReference(String name, int w, int h, int d, int labels, double allowed) throws IOException {
        Path dir = referenceDir() == null ? null : referenceDir().resolve(name);
        assumeTrue(dir != null && Files.isDirectory(dir), "reference cases not available");
        int[] dims = {w, h, d};
        int n = w * h * d;
        float[] image = readImage(dir.resolve("image.u8"));
        float[] unary = readFloats(dir.resolve("unary.f32"), labels * n);
        double[] spacing = {1, 1, 1};
        DenseCrf crf = new DenseCrf(n, labels).setUnaryEnergy(unary)
                .addPairwise(GridFeatures.spatial(dims, spacing, 3), Compatibility.potts(3))
                .addPairwise(GridFeatures.bilateral(dims, spacing, 80, image, 13, d == 1 ? 3 : 1),
                        Compatibility.potts(10));
        CrfResult result = crf.inference(5, ProgressListener.NONE);
        byte[] reference = Files.readAllBytes(dir.resolve("reference_labels.u8"));
        int differ = 0;
        for (int i = 0; i < n; i++) if (result.labels()[i] != reference[i]) differ++;
        double fraction = differ / (double) n;
        System.out.printf("%s: %d of %d labels differ from the reference (%.4f%%)%n", name, differ, n, 100 * fraction);
        assertTrue(fraction <= allowed, name + ": " + differ + " labels differ (" + 100 * fraction + "%)");
    }

    static float[] readImage(Path p) throws IOException {
        byte[] b = Files.readAllBytes(p);
        float[] f = new float[b.length];
        for (int i = 0; i < b.length; i++) f[i] = b[i] & 0xFF;
        return f;
    }

    static float[] readFloats(Path p, int count) throws IOException {
        float[] f = new float[count];
        ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
        return f;
    }
}
