package org.atrous.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.atrous.batch.ClassVolume;
import org.atrous.batch.SeriesOutcome;

/**
 * The run report as a Spark table, one row per series or stray file: status, reason, timings,
 * per-class volumes and the CT noise level, for querying a run of 10^5 series with Spark SQL or pandas. Parquet
 * keeps the volumes as a map column; CSV (which has no maps) writes them as the text of
 * {@code report.csv}.
 */
public final class ReportTable {

    /** Table formats. */
    public enum Format {
        PARQUET("report.parquet"), CSV("report-table");

        private final String folder;

        Format(String folder) { this.folder = folder; }

        public String folder() { return folder; }

        public static Format parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    private ReportTable() { }

    static StructType schema(Format f) {
        StructType t = new StructType()
                .add("series_uid", DataTypes.StringType, false)
                .add("status", DataTypes.StringType, false)
                .add("reason", DataTypes.StringType, false)
                .add("modality", DataTypes.StringType, false)
                .add("size", DataTypes.StringType, false)
                .add("path", DataTypes.StringType, false)
                .add("output", DataTypes.StringType, false)
                .add("read_s", DataTypes.DoubleType, false)
                .add("inference_s", DataTypes.DoubleType, false)
                .add("crf_s", DataTypes.DoubleType, false)
                .add("write_s", DataTypes.DoubleType, false)
                .add("total_s", DataTypes.DoubleType, false);
        if (f == Format.CSV) {
            return t.add("volumes_ml", DataTypes.StringType, false).add("noise_hu", DataTypes.DoubleType, true)
                    .add("score_s", DataTypes.DoubleType, false);
        }
        return t.add("volumes_ml", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType), false)
                .add("components", DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType), false)
                .add("noise_hu", DataTypes.DoubleType, true).add("score_s", DataTypes.DoubleType, false);
    }

    public static void write(SparkSession spark, List<SeriesOutcome> rows, Path outRoot, Format f) {
        List<Row> table = new ArrayList<>();
        for (SeriesOutcome r : rows) table.add(row(r, f));
        spark.createDataFrame(table, schema(f)).coalesce(1).write().mode(SaveMode.Overwrite)
                .option("header", "true").format(f.name().toLowerCase(Locale.ROOT))
                .save(outRoot.resolve(f.folder()).toString());
    }

    static Row row(SeriesOutcome r, Format f) {
        Object[] v = {r.seriesUid(), r.status().label(), r.reason(), r.modality(), r.size(), r.path(), r.outputDir(),
                r.readSeconds(), r.inferenceSeconds(), r.crfSeconds(), r.writeSeconds(), r.totalSeconds(), null, null, null,
                null};
        if (f == Format.CSV) {
            v[12] = String.join("; ", r.volumes().stream().map(c -> String.format(Locale.ROOT, "%s=%.1f", c.name(),
                    c.volumeMl())).toList());
            v[13] = r.noiseHu();
            v[14] = r.scoreSeconds();
            return RowFactory.create(java.util.Arrays.copyOf(v, 15));
        }
        Map<String, Double> ml = new LinkedHashMap<>();
        Map<String, Integer> comps = new LinkedHashMap<>();
        for (ClassVolume c : r.volumes()) {
            ml.put(c.name(), c.volumeMl());
            comps.put(c.name(), c.components());
        }
        v[12] = ml;
        v[13] = comps;
        v[14] = r.noiseHu();
        v[15] = r.scoreSeconds();
        return RowFactory.create(v);
    }
}
