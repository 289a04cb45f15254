package dev.neurite.cli;

import dev.neurite.data.FeatureSchema;
import dev.neurite.io.SavedModel;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --weight-column NAME} of {@code predict} and {@code evaluate}: the training table's column of example
 * weights, which a later file may still carry and which is dropped, not read as a feature. A model trained with
 * {@code train --weight-column} records the name ({@link SavedModel#WEIGHT_COLUMN}) and needs no option; older
 * models do.
 */
final class WeightColumnOption {
    @Option(names = "--weight-column", paramLabel = "NAME", description = "A column of example weights in the CSV (train's"
            + " --weight-column), dropped; needed only for a model that does not record it (saved before models did).")
    String name;

    /**
     * The column to drop from a CSV read with {@code schema} (the model's; null for one without): the one the
     * model records, else this option's.
     *
     * @throws IllegalArgumentException if the option names another column than the model's, a feature or label of
     *                                  the model, or is given for a model that reads its columns by position
     */
    String resolve(Path modelFile, SavedModel model, FeatureSchema schema) {
        String recorded = model.weightColumn();
        if (name == null) {
            return recorded;
        }
        String given = "--weight-column " + name + ": the model " + modelFile;
        if (recorded != null && !recorded.equals(name)) {
            throw new IllegalArgumentException(given + " was trained with the weight column '" + recorded
                    + "', which is dropped; leave --weight-column out");
        }
        if (schema == null) {
            throw new IllegalArgumentException(given + " has no feature schema and reads its CSV columns by position;"
                    + " give a file of its feature columns alone");
        }
        if (schema.column(name) != null || schema.labels().contains(name)) {
            throw new IllegalArgumentException(given + " reads '" + name + "' as a " + (schema.column(name) != null ? "feature"
                    : "label") + "; name the column of example weights");
        }
        return name;
    }
}
