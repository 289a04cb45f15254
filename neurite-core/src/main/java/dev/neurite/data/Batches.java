package dev.neurite.data;

import dev.neurite.tensor.Matrix;
import dev.neurite.tensor.Rng;

/**
 * One epoch's minibatches over a {@link Dataset}, gathered into two buffers that are reused from
 * batch to batch and epoch to epoch: {@code x: (B, in)} and {@code y: (B, K)}.
 *
 * <pre>
 *   Batches batches = new Batches(train, Batching.shuffled(50));
 *   batches.startEpoch(rng);
 *   while (batches.next()) { use batches.x(), batches.y() }
 * </pre>
 */
public final class Batches {
    private final Dataset data;
    private final Batching batching;
    private final int[] order;
    private final Matrix x;
    private final Matrix y;
    private final float[] weights;      // null when the data set's examples carry no weights
    private int position;
    private int batchIndex;

    public Batches(Dataset data, Batching batching) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("cannot make batches of an empty data set");
        }
        this.data = data;
        this.batching = batching;
        this.order = new int[data.size()];
        int max = batching.maxBatch(data.size());
        this.x = Matrix.zeros(max, data.inputSize());
        this.y = Matrix.zeros(max, data.targetSize());
        this.weights = data.hasExampleWeights() ? new float[max] : null;
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
    }

    /** Starts an epoch; a shuffled batching draws its order from {@code rng}. */
    public void startEpoch(Rng rng) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (batching instanceof Batching.Shuffled) {
            rng.shuffle(order);
        }
        position = 0;
        batchIndex = 0;
    }

    /** The current epoch's order of examples (a copy). */
    public int[] order() {
        return order.clone();
    }

    /**
     * Continues an epoch whose order was {@code order} just before its batch {@code nextBatch} (from a
     * checkpoint): the next {@link #next()} fills that batch.
     */
    public void resume(int[] order, int nextBatch) {
        if (order.length != this.order.length) {
            throw new IllegalArgumentException("order has " + order.length + " entries, the data set " + this.order.length);
        }
        if (nextBatch < 0 || nextBatch > batchesPerEpoch()) {
            throw new IllegalArgumentException("batch " + nextBatch + " is outside [0, " + batchesPerEpoch() + "]");
        }
        System.arraycopy(order, 0, this.order, 0, order.length);
        position = 0;
        batchIndex = 0;
        while (batchIndex < nextBatch) {
            position += sizeOf(batchIndex, data.size());
            batchIndex++;
        }
    }

    private int sizeOf(int batch, int n) {
        if (batching instanceof Batching.ArraySplit a) {
            return n / a.parts() + (batch < n % a.parts() ? 1 : 0);
        }
        int b = batching.maxBatch(n);
        return Math.min(b, n - batch * b);
    }

    /** How many batches an epoch has. */
    public int batchesPerEpoch() {
        int n = data.size();
        if (batching instanceof Batching.ArraySplit a) {
            return Math.min(a.parts(), n);
        }
        int b = batching.maxBatch(n);
        return (n + b - 1) / b;
    }

    /** Fills the buffers with the next batch; false when the epoch is over. */
    public boolean next() {
        int n = data.size();
        if (position >= n) {
            return false;
        }
        int size = sizeOf(batchIndex, n);
        gather(x, y, position, size);
        if (weights != null) {
            for (int i = 0; i < size; i++) {
                weights[i] = data.exampleWeight(order[position + i]);
            }
        }
        position += size;
        batchIndex++;
        return true;
    }

    /** The examples {@code order[from, from + size)} into {@code bx, by}. */
    private void gather(Matrix bx, Matrix by, int from, int size) {
        bx.resizeRows(size);
        by.resizeRows(size);
        int in = data.inputSize(), k = data.targetSize();
        float[] sx = data.x().data(), sy = data.y().data(), dx = bx.data(), dy = by.data();
        for (int i = 0; i < size; i++) {
            int src = order[from + i];
            System.arraycopy(sx, src * in, dx, i * in, in);
            System.arraycopy(sy, src * k, dy, i * k, k);
        }
    }

    /** The index of the current batch in the epoch, from 0. */
    public int batchIndex() { return batchIndex - 1; }

    /** The current batch's features. */
    public Matrix x() { return x; }

    /** The current batch's targets. */
    public Matrix y() { return y; }

    /**
     * The current batch's example weights in its first {@code x().rows()} entries (a reused buffer), or null when
     * the data set has none.
     */
    public float[] weights() { return weights; }
}
