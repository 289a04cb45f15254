package dev.neurite.io;

import dev.neurite.data.Normalization;
import dev.neurite.loss.Loss;
import dev.neurite.model.Network;
import java.util.List;
import java.util.Map;

/**
 * A network with everything needed to use it on new data.
 *
 * @param network       the trained network
 * @param loss          the loss it was trained with
 * @param normalization the feature normalisation fitted on its training data (apply it before predicting)
 * @param classNames    the name of each class, or null when classes are just their indices
 * @param metadata      provenance (seed, data, epochs, created, neurite_version, …), free-form strings
 */
public record SavedModel(Network network, Loss loss, Normalization normalization, List<String> classNames,
                         Map<String, String> metadata) {
    public SavedModel {
        if (normalization.features() != network.inputSize()) {
            throw new IllegalArgumentException("normalization has " + normalization.features()
                    + " features, the network takes " + network.inputSize());
        }
        classNames = classNames == null ? null : List.copyOf(classNames);
        metadata = Map.copyOf(metadata);
    }

    /** A model with no normalisation, no class names and no metadata. */
    public static SavedModel of(Network network, Loss loss) {
        return new SavedModel(network, loss, Normalization.none(network.inputSize()), null, Map.of());
    }
}
