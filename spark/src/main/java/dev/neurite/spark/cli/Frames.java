package dev.neurite.spark.cli;

import dev.neurite.data.Dataset;
import dev.neurite.data.Mnist;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The launcher's inputs as DataFrames with a {@code features} vector column and, for training, a {@code label}. */
final class Frames {
    static final StructType SCHEMA = new StructType().add("features", SQLDataTypes.VectorType(), false)
            .add("label", DataTypes.DoubleType, false);

    private Frames() {}

    /** Training data, and test data when the source has some (MNIST's test set), else null. */
    record Split(org.apache.spark.sql.Dataset<Row> train, org.apache.spark.sql.Dataset<Row> test, String description) {}

    static Split data(SparkSession spark, String data, String label) throws IOException {
        if (data.equals("mnist") || Files.isDirectory(Path.of(data))) {
            Mnist mnist = Mnist.load(data.equals("mnist") ? null : Path.of(data), System.err::println);
            return new Split(frame(spark, mnist.train()), frame(spark, mnist.test()), "MNIST (" + mnist.folder() + ")");
        }
        return new Split(file(spark, data, label, true), null, data);
    }

    /** A Parquet or CSV file (with a header); its numeric columns but the label become the features. */
    /** A .parquet (file or folder) or .csv file that exists. */
    static void checkFile(String file) {
        if (!file.endsWith(".parquet") && !file.endsWith(".csv")) {
            throw new IllegalArgumentException(file + ": not a .parquet or .csv file (or mnist, or a folder of MNIST IDX files)");
        }
        if (!Files.exists(Path.of(file)) || (file.endsWith(".csv") && !Files.isRegularFile(Path.of(file)))) {
            throw new IllegalArgumentException(file + ": no such file");
        }
    }

    static org.apache.spark.sql.Dataset<Row> file(SparkSession spark, String file, String label, boolean labelled) {
        checkFile(file);
        org.apache.spark.sql.Dataset<Row> df = file.endsWith(".parquet") ? spark.read().parquet(file)
                : spark.read().option("header", "true").option("inferSchema", "true").csv(file);
        List<String> names = Arrays.asList(df.schema().fieldNames());
        if (labelled && !names.contains(label)) {
            throw new IllegalArgumentException(file + ": no label column '" + label + "' (its columns: " + String.join(", ", names)
                    + "); name it with --label");
        }
        if (names.contains("features") && df.schema().apply("features").dataType().equals(SQLDataTypes.VectorType())) {
            return labelled ? df.withColumnRenamed(label, "label") : df;
        }
        List<String> inputs = new ArrayList<>();
        for (StructField f : df.schema().fields()) {
            if (!f.name().equals(label)) {
                if (!(f.dataType() instanceof NumericType)) {
                    throw new IllegalArgumentException(file + ": the column '" + f.name() + "' is " + f.dataType().simpleString()
                            + ", not a number; every column but the label must be a feature");
                }
                inputs.add(f.name());
            }
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException(file + ": no feature columns besides '" + label + "'");
        }
        org.apache.spark.sql.Dataset<Row> assembled = new VectorAssembler().setInputCols(inputs.toArray(String[]::new))
                .setOutputCol("features").setHandleInvalid("error").transform(df);
        return labelled ? assembled.withColumnRenamed(label, "label") : assembled;
    }

    /** A Neurite data set as a DataFrame, built inside the partitions from broadcast arrays. */
    static org.apache.spark.sql.Dataset<Row> frame(SparkSession spark, Dataset data) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int n = data.size(), in = data.inputSize();
        Broadcast<float[]> x = sc.broadcast(Arrays.copyOf(data.x().data(), n * in));
        Broadcast<int[]> y = sc.broadcast(data.labels());
        int slices = Math.max(1, sc.defaultParallelism());
        List<Integer> starts = new ArrayList<>();
        for (int s = 0; s < slices; s++) {
            starts.add((int) ((long) s * n / slices));
        }
        org.apache.spark.api.java.JavaRDD<Row> rows = sc.parallelize(starts, slices).flatMap(start -> {
            int end = starts.indexOf(start) + 1 < starts.size() ? starts.get(starts.indexOf(start) + 1) : n;
            float[] xs = x.value();
            int[] ys = y.value();
            List<Row> out = new ArrayList<>(end - start);
            for (int r = start; r < end; r++) {
                double[] v = new double[in];
                for (int j = 0; j < in; j++) {
                    v[j] = xs[r * in + j];
                }
                out.add(RowFactory.create(Vectors.dense(v), (double) ys[r]));
            }
            return out.iterator();
        });
        return spark.createDataFrame(rows, SCHEMA);
    }
}
