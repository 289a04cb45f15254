package dev.neurite.train;

import dev.neurite.data.Batches;
import dev.neurite.data.Dataset;
import dev.neurite.model.Network;

/** What training data must be for a network, checked before anything is trained. */
final class TrainingData {
    private TrainingData() {}

    /** The data's features and targets fit the network, and a classifier's data has two classes at least. */
    static void check(Network network, Dataset train, Dataset validation) {
        fits(network, train, "training");
        if (validation != null) {
            fits(network, validation, "validation");
        }
        if (train.kind() == Dataset.Kind.CLASSES && train.numClasses() < 2) {
            throw new IllegalArgumentException("the training data has only one class"
                    + (train.classNames() == null ? "" : " ('" + train.classNames().get(0) + "')")
                    + ": a classifier needs examples of at least two");
        }
    }

    /** A state stopped inside an epoch must continue on data of its order's size, at a batch the epoch has. */
    static void checkPosition(TrainingState state, Dataset train, Batches batches) {
        if (state.nextBatch > 0 && (state.order.length != train.size() || state.nextBatch >= batches.batchesPerEpoch())) {
            throw new IllegalArgumentException("the state stopped before batch " + state.nextBatch + " of an epoch over "
                    + state.order.length + " examples; this training data has " + train.size() + " examples in "
                    + batches.batchesPerEpoch() + " batches: continue it on the data it was trained on");
        }
    }

    private static void fits(Network network, Dataset data, String what) {
        dev.neurite.model.Fits.dataset(network, "the " + what + " data", data);
    }
}
