package org.atrous.dicom;

import org.atrous.progress.ProgressListener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Not a test: times reading a synthetic 512×512×N CT series written with PixelMed.
 * Run: {@code java -cp plugin/target/test-classes:plugin/target/classes:$(cat plugin/target/classpath.txt)
 * org.atrous.dicom.ReaderBenchmark 600 [threads]}.
 */
public final class ReaderBenchmark {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Math.min(4, Runtime.getRuntime().availableProcessors());
        Path dir = Files.createTempDirectory("atrous-bench");
        try {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                SyntheticDicom.ctSlice("1.2.826.0.1.3680043.10.999.77", "1.2.826.0.1.3680043.10.999.77." + i,
                        i + 1, i * 0.625, 512, 512, i).write(dir.resolve(String.format("%05d", (i * 7919) % n + n * 0)).toFile());
            }
            long t1 = System.nanoTime();
            java.util.Map<String, Long> lastSeen = new java.util.concurrent.ConcurrentHashMap<>();
            ProgressListener stages = new ProgressListener() {
                @Override
                public void progress(String stage, double fraction) {
                    lastSeen.put(stage, System.nanoTime());
                }
            };
            SeriesReadResult r = new SeriesReader(threads).read(dir, stages);
            long t2 = System.nanoTime();
            lastSeen.forEach((stage, t) -> System.out.printf("  %s done at %.2f s%n", stage, (t - t1) / 1e9));
            Volume v = r.volumes().get(0);
            System.out.printf("wrote %d slices in %.1f s; read %s with %d thread(s) in %.2f s (%d rejected, %d warnings)%n",
                    n, (t1 - t0) / 1e9, java.util.Arrays.toString(v.geometry().dims()), threads, (t2 - t1) / 1e9,
                    r.rejected().size(), v.warnings().size());
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
