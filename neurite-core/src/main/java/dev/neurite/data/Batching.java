package dev.neurite.data;

/**
 * How an epoch is cut into minibatches.
 */
public sealed interface Batching {
    /** Batches of {@code batchSize} in an order shuffled anew each epoch by the seeded RNG; the last may be smaller. */
    static Batching shuffled(int batchSize) { return new Shuffled(batchSize); }

    /** Batches of {@code batchSize} in data order. */
    static Batching sequential(int batchSize) { return new Sequential(batchSize); }

    /**
     * The second seed's {@code np.array_split(range(N), parts)}: {@code parts} contiguous batches in data
     * order, the first {@code N mod parts} of them one example longer. (The seed calls this number
     * {@code minibatch_size}, but {@code array_split} reads it as the number of batches.)
     */
    static Batching arraySplit(int parts) { return new ArraySplit(parts); }

    /** The largest batch this batching makes for {@code n} examples. */
    int maxBatch(int n);

    private static void checkPositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }

    record Shuffled(int batchSize) implements Batching {
        public Shuffled {
            checkPositive("batchSize", batchSize);
        }

        @Override
        public int maxBatch(int n) { return Math.min(batchSize, n); }
    }

    record Sequential(int batchSize) implements Batching {
        public Sequential {
            checkPositive("batchSize", batchSize);
        }

        @Override
        public int maxBatch(int n) { return Math.min(batchSize, n); }
    }

    record ArraySplit(int parts) implements Batching {
        public ArraySplit {
            checkPositive("parts", parts);
        }

        @Override
        public int maxBatch(int n) { return (n + parts - 1) / parts; }
    }
}
