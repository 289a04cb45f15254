package dev.neurite.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neurite.data.Mnist;
import dev.neurite.infer.Classification;
import dev.neurite.infer.Predictor;
import dev.neurite.io.SavedModel;
import dev.neurite.loss.Loss;
import dev.neurite.model.Network;
import dev.neurite.tensor.Matrix;
import org.junit.jupiter.api.Test;

/**
 * What dynamic batching rests on: a row's answer has the same bits whatever batch it is stacked into, on
 * the served MNIST shape (784-128relu-10softmax) and real images, for every batch size up to 64 and beyond.
 */
class BatchBitsTest {
    @Test
    void aRowsAnswerDoesNotDependOnItsBatch() throws Exception {
        Matrix images = Mnist.load().test().x();
        int n = 130, in = 784;
        Predictor p = Predictor.of(SavedModel.of(Network.of("784-128relu-10softmax", 3), Loss.crossEntropy()));
        float[][] alone = new float[n][];
        for (int r = 0; r < n; r++) {
            float[] row = new float[in];
            System.arraycopy(images.data(), r * in, row, 0, in);
            Classification c = p.classify(row);
            alone[r] = new float[10];
            for (int k = 0; k < 10; k++) {
                alone[r][k] = (float) c.probabilities()[k];
            }
        }
        for (int batch : new int[] {1, 2, 3, 7, 16, 31, 64, 65, 130}) {
            for (int start = 0; start + batch <= n; start += batch) {
                Matrix x = Matrix.zeros(batch, in);
                System.arraycopy(images.data(), start * in, x.data(), 0, batch * in);
                Answer a = Answer.of(p, x);
                for (int r = 0; r < batch; r++) {
                    for (int k = 0; k < 10; k++) {
                        assertEquals(Float.floatToIntBits(alone[start + r][k]), Float.floatToIntBits(a.values()[r * 10 + k]),
                                "row " + (start + r) + " in a batch of " + batch);
                    }
                }
            }
        }
    }
}
