package dev.neurite.serve;

import dev.neurite.infer.Classification;
import dev.neurite.infer.Predictor;
import dev.neurite.tensor.Matrix;

/**
 * What the model says for some rows: for a classifier the FP32 probabilities {@code (rows, classes)} and
 * the class of each row; for a regression the values {@code (rows, outputs)}. Computed by the predictor's
 * batched calls, as {@code neurite predict} does, so each row has the bits it has there.
 */
record Answer(int rows, int width, float[] values, long[] classes) {
    /** The answer for every row of {@code x: (rows, inputSize)}. */
    static Answer of(Predictor predictor, Matrix x) {
        if (predictor.head().isRegression()) {
            Matrix v = predictor.predict(x);
            return new Answer(v.rows(), v.cols(), java.util.Arrays.copyOf(v.data(), v.rows() * v.cols()), null);
        }
        Classification[] cs = predictor.classify(x);
        int k = predictor.head().classes();
        float[] p = new float[cs.length * k];
        long[] c = new long[cs.length];
        for (int r = 0; r < cs.length; r++) {
            double[] pr = cs[r].probabilities();
            for (int j = 0; j < k; j++) {
                p[r * k + j] = (float) pr[j];      // exact: the head's probabilities are floats (1 − p aside)
            }
            c[r] = cs[r].index();
        }
        return new Answer(cs.length, k, p, c);
    }

    /** Rows {@code [from, from + n)} of this answer. */
    Answer slice(int from, int n) {
        if (from == 0 && n == rows) {
            return this;
        }
        float[] v = new float[n * width];
        System.arraycopy(values, from * width, v, 0, v.length);
        long[] c = null;
        if (classes != null) {
            c = new long[n];
            System.arraycopy(classes, from, c, 0, n);
        }
        return new Answer(n, width, v, c);
    }
}
