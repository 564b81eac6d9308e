package org.atrous.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.atrous.model.ModelStore;
import org.atrous.pipeline.Models;
import org.junit.jupiter.api.Test;

/**
 * Proves the module's classpath: Spark 3.5 starts on Java 17 with the plugin's DL4J, ND4J and
 * Jackson beside it, runs a job on two threads, and loads the zoo's model inside a task.
 */
class SparkSetupTest {

    @Test
    void localSparkRunsAJobThatLoadsTheModel() {
        try (SparkSession spark = SparkSession.builder().master("local[2]").appName("atrous-setup")
                .config("spark.ui.enabled", "false").getOrCreate()) {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            long sumOfSquares = jsc.parallelize(List.of(1, 2, 3, 4, 5, 6), 2).map(i -> (long) i * i).reduce(Long::sum);
            assertEquals(91, sumOfSquares);

            List<Long> params = jsc.parallelize(List.of(0, 1), 2).mapPartitions(it -> {
                ModelStore.LoadedModel m = Models.load("ct-abdomen");
                return List.of(m.graph().numParams()).iterator();
            }).collect();
            assertEquals(2, params.size());
            assertTrue(params.get(0) > 10_000, "a DeepLab graph has many parameters: " + params.get(0));
            assertEquals(params.get(0), params.get(1));
        }
    }
}
