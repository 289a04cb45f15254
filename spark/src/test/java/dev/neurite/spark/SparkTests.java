package dev.neurite.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neurite.model.Network;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** A Spark session for tests, and weight comparisons. */
final class SparkTests {
    private SparkTests() {}

    /** {@code master} with the UI off and few shuffle partitions (the tests' data is small). */
    static SparkSession session(String master) {
        return SparkSession.builder().master(master).appName("neurite-spark tests")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.warehouse.dir", "target/spark-warehouse").getOrCreate();
    }

    static void sameBits(Network expected, Network actual) {
        float[][] a = expected.snapshot(), b = actual.snapshot();
        assertEquals(a.length, b.length, "tensors");
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], "tensor " + i);
        }
    }

    static double accuracy(List<Row> predicted) {
        long right = predicted.stream().filter(r -> r.getDouble(r.fieldIndex("prediction")) == r.getDouble(r.fieldIndex("label")))
                .count();
        return (double) right / predicted.size();
    }
}
