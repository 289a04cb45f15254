package dev.neurite.spark;

import dev.neurite.data.Dataset;
import dev.neurite.tensor.Matrix;
import dev.neurite.tensor.Rng;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Synthetic test data: Gaussian blobs, one per class, as float rows, as a Neurite data set and as a DataFrame. */
final class Blobs {
    static final StructType SCHEMA = new StructType().add("features", SQLDataTypes.VectorType(), false)
            .add("label", DataTypes.DoubleType, false);

    final float[][] x;
    final int[] labels;
    final int classes;

    private Blobs(float[][] x, int[] labels, int classes) {
        this.x = x;
        this.labels = labels;
        this.classes = classes;
    }

    /** {@code n} rows of {@code features} values around class centres 2 apart (unit spread), labels cycling 0…classes−1. */
    static Blobs of(int n, int features, int classes, long seed) {
        Rng rng = new Rng(seed);
        float[][] centres = new float[classes][features];
        for (float[] c : centres) {
            for (int j = 0; j < features; j++) {
                c[j] = (float) (2.0 * rng.nextGaussian());
            }
        }
        float[][] x = new float[n][features];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
            for (int j = 0; j < features; j++) {
                x[i][j] = centres[labels[i]][j] + (float) (0.7 * rng.nextGaussian());
            }
        }
        return new Blobs(x, labels, classes);
    }

    /** Rows [from, to) of these blobs: the same centres, other draws of the noise. */
    Blobs rows(int from, int to) {
        return new Blobs(java.util.Arrays.copyOfRange(x, from, to), java.util.Arrays.copyOfRange(labels, from, to), classes);
    }

    /** The rows in this order, as Neurite sees them. */
    Dataset dataset(int[] order) {
        int f = x[0].length;
        Matrix m = Matrix.zeros(order.length, f);
        int[] y = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            System.arraycopy(x[order[r]], 0, m.data(), r * f, f);
            y[r] = labels[order[r]];
        }
        return Dataset.classification(m, y, classes);
    }

    Dataset dataset() {
        return dataset(java.util.stream.IntStream.range(0, x.length).toArray());
    }

    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            double[] v = new double[x[i].length];
            for (int j = 0; j < v.length; j++) {
                v[j] = x[i][j];
            }
            rows.add(RowFactory.create(Vectors.dense(v), (double) labels[i]));
        }
        return rows;
    }

    org.apache.spark.sql.Dataset<Row> frame(SparkSession spark) {
        return spark.createDataFrame(rows(), SCHEMA);
    }
}
