package dev.neurite.spark;

import dev.neurite.infer.Classification;
import dev.neurite.infer.Predictor;
import dev.neurite.io.ModelFile;
import dev.neurite.io.ModelFormatException;
import dev.neurite.tensor.Matrix;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * A model's {@code transform}, one partition at a time: one {@link Predictor} per partition from the
 * broadcast model-file bytes, rows gathered into chunks of {@value #CHUNK} and predicted together, each
 * input row given back with the outputs appended — for a classifier {@code rawPrediction} and
 * {@code probability} (both the head's class probabilities) and {@code prediction} (the class index),
 * for a regression {@code prediction}. The numbers are the Predictor's, so those of {@code neurite predict}.
 */
final class BatchInference implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    static final int CHUNK = 1024;

    private final Broadcast<byte[]> model;
    private final int featuresIndex;
    private final String featuresCol;
    private final boolean classes;

    BatchInference(Broadcast<byte[]> model, int featuresIndex, String featuresCol, boolean classes) {
        this.model = model;
        this.featuresIndex = featuresIndex;
        this.featuresCol = featuresCol;
        this.classes = classes;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) throws ModelFormatException {
        Predictor predictor = Predictor.of(ModelFile.fromBytes(model.value(), "the broadcast model"));
        return new Iterator<>() {
            private final List<Row> chunk = new ArrayList<>();
            private final List<Row> out = new ArrayList<>();
            private int next;
            private long seen;

            @Override
            public boolean hasNext() {
                if (next < out.size()) {
                    return true;
                }
                out.clear();
                next = 0;
                chunk.clear();
                while (chunk.size() < CHUNK && rows.hasNext()) {
                    chunk.add(rows.next());
                }
                if (chunk.isEmpty()) {
                    return false;
                }
                predict(predictor, chunk, out, seen);
                seen += chunk.size();
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return out.get(next++);
            }
        };
    }

    private void predict(Predictor predictor, List<Row> chunk, List<Row> out, long before) {
        int in = predictor.inputSize();
        Matrix x = Matrix.zeros(chunk.size(), in);
        float[] d = x.data();
        for (int r = 0; r < chunk.size(); r++) {
            Row row = chunk.get(r);
            if (row.isNullAt(featuresIndex)) {
                throw new IllegalArgumentException("row " + (before + r + 1) + " of the partition: the column '" + featuresCol
                        + "' is null");
            }
            Vector v = (Vector) row.get(featuresIndex);
            if (v.size() != in) {
                throw new IllegalArgumentException("row " + (before + r + 1) + " of the partition: the column '" + featuresCol
                        + "' has " + v.size() + " values, the model takes " + in);
            }
            double[] values = v.toArray();
            for (int j = 0; j < in; j++) {
                d[r * in + j] = (float) values[j];
            }
        }
        if (classes) {
            Classification[] c = predictor.classify(x);
            for (int r = 0; r < c.length; r++) {
                Vector p = Vectors.dense(c[r].probabilities());
                out.add(append(chunk.get(r), p, p, (double) c[r].index()));
            }
        } else {
            Matrix y = predictor.predict(x);
            for (int r = 0; r < chunk.size(); r++) {
                out.add(append(chunk.get(r), (double) y.data()[r * y.cols()]));
            }
        }
    }

    private static Row append(Row row, Object... extra) {
        Object[] values = new Object[row.size() + extra.length];
        for (int i = 0; i < row.size(); i++) {
            values[i] = row.get(i);
        }
        System.arraycopy(extra, 0, values, row.size(), extra.length);
        return RowFactory.create(values);
    }
}
