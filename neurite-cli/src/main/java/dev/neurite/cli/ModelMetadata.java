package dev.neurite.cli;

import dev.neurite.data.Dataset;
import dev.neurite.data.FeatureSchema;
import dev.neurite.data.TargetScaling;
import dev.neurite.io.SavedModel;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metadata {@code train} and {@code tune} save with a model (docs/model-format.md): where it came from, and
 * what later commands must know about the data's columns (the feature schema, the target names, the target
 * scaling folded into it, the column of example weights that is not a feature).
 */
final class ModelMetadata {
    private ModelMetadata() {}

    /** seed, data, epochs, created (this second, UTC) and neurite_version. */
    static Map<String, String> provenance(long seed, String data, int epochs) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("seed", Long.toString(seed));
        meta.put("data", data);
        meta.put("epochs", Integer.toString(epochs));
        meta.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        meta.put("neurite_version", Main.version());
        return meta;
    }

    /**
     * Adds what the model knows of its training data {@code train}: a {@code regression}'s target names, the
     * feature {@code schema} of a table (may be null), the target {@code scaling} (may be null) and the table's
     * {@code weightColumn} of example weights (may be null), which predict and evaluate then drop.
     */
    static Map<String, String> data(Map<String, String> meta, boolean regression, Dataset train, FeatureSchema schema,
                                    TargetScaling scaling, String weightColumn) {
        if (regression && train.targetNames() != null) {
            meta.put(SavedModel.TARGETS, SavedModel.targetsJson(train.targetNames()));
        }
        if (schema != null) {
            meta.put(SavedModel.FEATURES, SavedModel.featuresJson(schema));
        }
        if (scaling != null) {
            meta.put("target_scaling", SavedModel.targetScalingJson(scaling));
        }
        if (weightColumn != null) {
            meta.put(SavedModel.WEIGHT_COLUMN, weightColumn);
        }
        return meta;
    }
}
