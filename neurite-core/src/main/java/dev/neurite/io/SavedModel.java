package dev.neurite.io;

import dev.neurite.data.FeatureSchema;
import dev.neurite.data.Normalization;
import dev.neurite.data.TargetScaling;
import dev.neurite.loss.Loss;
import dev.neurite.model.ModelGraph;
import dev.neurite.model.Network;
import dev.neurite.model.OutputHead;
import java.util.List;
import java.util.Map;

/**
 * A network with everything needed to use it on new data.
 *
 * @param network       the trained network
 * @param loss          the loss it was trained with
 * @param normalization the feature normalisation fitted on its training data (apply it before predicting)
 * @param classNames    the name of each class, or null when classes are just their indices
 * @param metadata      provenance (seed, data, epochs, created, neurite_version, …), free-form strings; a
 *                      regression's target names are {@code "targets"}, a JSON list of strings
 */
public record SavedModel(Network network, Loss loss, Normalization normalization, List<String> classNames,
                         Map<String, String> metadata) {
    public SavedModel {
        if (normalization.features() != network.inputSize()) {
            throw new IllegalArgumentException("normalization has " + normalization.features()
                    + " features, the network takes " + network.inputSize());
        }
        OutputHead head = OutputHead.of(network, loss);      // refuses a loss that does not fit the network
        if (classNames != null && !head.isRegression() && classNames.size() != head.classes()) {
            throw new IllegalArgumentException(classNames.size() + " class names for a network with " + head.classes()
                    + " classes (" + network.architecture().toSpec() + "): give one name per class, or none");
        }
        classNames = classNames == null ? null : List.copyOf(classNames);
        metadata = Map.copyOf(metadata);
        FeatureSchema schema = metadata.containsKey(FEATURES) ? SchemaJson.read(metadata.get(FEATURES)) : null;   // refuses a malformed one
        if (schema != null && schema.inputSize() != network.inputSize()) {
            throw new IllegalArgumentException("features describe " + schema.inputSize() + " inputs, the network takes "
                    + network.inputSize());
        }
        String weights = metadata.get(WEIGHT_COLUMN);
        if (weights != null && (schema == null || weights.isEmpty() || schema.column(weights) != null
                || schema.labels().contains(weights))) {
            throw new IllegalArgumentException(WEIGHT_COLUMN + " '" + weights + "' must name a column of the training table"
                    + " that is neither a feature nor a label of its features metadata" + (schema == null ? ", which is missing" : ""));
        }
    }

    /**
     * The metadata key naming the training table's column of example weights (train's {@code --weight-column}):
     * not a feature, so a later file may carry it and it is dropped. Only with {@link #FEATURES}.
     */
    public static final String WEIGHT_COLUMN = "weight_column";

    /** The column of example weights the model was trained with ({@link #WEIGHT_COLUMN}), or null. */
    public String weightColumn() {
        return metadata.get(WEIGHT_COLUMN);
    }

    /** The metadata key holding a regression's target names (a JSON list of strings). */
    public static final String TARGETS = "targets";

    /**
     * What the model's outputs mean: classifier or regression (from its architecture and loss), with its
     * class names or, for a regression, the target names of {@link #TARGETS} when they are well-formed.
     */
    public OutputHead head() {
        OutputHead head = OutputHead.of(network, loss);
        if (!head.isRegression()) {
            return head.named(classNames);
        }
        String targets = metadata.get(TARGETS);
        if (targets == null) {
            return head;
        }
        try {
            if (JsonReader.parse(targets) instanceof List<?> names && names.size() == network.outputSize()
                    && names.stream().allMatch(n -> n instanceof String)) {
                return head.named(names.stream().map(String.class::cast).toList());
            }
        } catch (IllegalArgumentException e) {
            // not a list of names: the targets stay unnamed
        }
        return head;
    }

    /**
     * Whether {@code key} may be saved in a model file's metadata: a provenance key, or {@code user.<name>}
     * (printable ASCII, at most 128 characters); see docs/model-format.md.
     */
    public static boolean isMetadataKey(String key) {
        return ModelHeader.isMetadataKey(key);
    }

    /** The metadata key holding the feature schema (a JSON object, see docs/model-format.md). */
    public static final String FEATURES = SchemaJson.FEATURES;

    /**
     * The feature schema the model was trained with (column names, order, kinds, categories, fill values),
     * or null for a model saved without one (before schemas, or from arrays): its inputs are then read by
     * position. A model file's schema is checked when it is loaded.
     *
     * @throws IllegalArgumentException if the {@link #FEATURES} metadata is not a schema of the network's inputs
     */
    public FeatureSchema schema() {
        String json = metadata.get(FEATURES);
        if (json == null) {
            return null;
        }
        FeatureSchema schema = SchemaJson.read(json);
        if (schema.inputSize() != network.inputSize()) {
            throw new IllegalArgumentException("features describe " + schema.inputSize() + " inputs, the network takes "
                    + network.inputSize());
        }
        return schema;
    }

    /** The {@link #FEATURES} value for a schema. */
    public static String featuresJson(FeatureSchema schema) {
        return SchemaJson.write(schema);
    }

    /** The {@code target_scaling} value recording a scaling folded into the network (informative: see docs/model-format.md). */
    public static String targetScalingJson(TargetScaling scaling) {
        return SchemaJson.write(scaling);
    }

    /** The {@link #TARGETS} value for these names. */
    public static String targetsJson(List<String> names) {
        return Json.write(names);
    }

    /** This model as a format-neutral graph (the weights copied): what the model file and other formats write. */
    public ModelGraph graph() {
        return ModelGraph.of(network, normalization, loss, classNames, metadata);
    }

    /** The model a graph describes: its network rebuilt with the training architecture, the weights copied. */
    public static SavedModel of(ModelGraph graph) {
        return new SavedModel(graph.toNetwork(), graph.loss(), graph.normalization(), graph.classNames(), graph.metadata());
    }

    /** A model with no normalisation, no class names and no metadata. */
    public static SavedModel of(Network network, Loss loss) {
        return new SavedModel(network, loss, Normalization.none(network.inputSize()), null, Map.of());
    }
}
