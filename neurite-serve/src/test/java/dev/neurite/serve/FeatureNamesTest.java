package dev.neurite.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.neurite.data.FeatureColumn;
import dev.neurite.data.FeatureSchema;
import dev.neurite.io.ModelFile;
import dev.neurite.io.SavedModel;
import dev.neurite.loss.Loss;
import dev.neurite.model.Network;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The model metadata's {@code feature_names} come from the feature schema {@code neurite train} saves
 * (they used to be null for every trained model, which wrote none): one name per input, through a model file.
 */
class FeatureNamesTest {
    @SuppressWarnings("unchecked")
    private static Object featureNames(SavedModel m) {
        return ((Map<String, Object>) ModelJson.metadata("m", m).get("parameters")).get("feature_names");
    }

    @Test
    void featureNamesAreTheSchemasInputs() throws Exception {
        FeatureSchema schema = new FeatureSchema(List.of(FeatureColumn.numeric("age", 40.5, true),
                FeatureColumn.categorical("colour", List.of("blue", "red"), null, false)), List.of("y"));
        Network net = Network.of("4-2softmax", 1);
        SavedModel m = new SavedModel(net, Loss.crossEntropy(), dev.neurite.data.Normalization.none(4), null,
                Map.of(SavedModel.FEATURES, SavedModel.featuresJson(schema)));
        SavedModel loaded = ModelFile.fromBytes(ModelFile.toBytes(m), "model");
        assertEquals(List.of("age", "colour=blue", "colour=red", "age_missing"), featureNames(loaded));
        assertNull(featureNames(SavedModel.of(net, Loss.crossEntropy())));     // a model without a schema has none
    }
}
