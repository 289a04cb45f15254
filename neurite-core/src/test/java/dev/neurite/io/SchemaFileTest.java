package dev.neurite.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.data.FeatureColumn;
import dev.neurite.data.FeatureSchema;
import dev.neurite.data.Normalization;
import dev.neurite.loss.Loss;
import dev.neurite.model.Network;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The feature schema in a model file: saved and read back exactly, checked on load, absent in older files. */
class SchemaFileTest {
    private static final FeatureSchema SCHEMA = new FeatureSchema(List.of(
            FeatureColumn.numeric("age", 41.125, true),
            FeatureColumn.categorical("colour", List.of("blue", "gr\u00fcn", "red"), "red", false),
            FeatureColumn.numeric("income", 0.1 + 0.2, false)), List.of("price"));

    private static SavedModel model(String features) {
        Network net = Network.of("6-3relu-1", 7);
        return new SavedModel(net, Loss.meanSquaredError(), Normalization.none(6), null,
                features == null ? Map.of() : Map.of(SavedModel.FEATURES, features));
    }

    @Test
    void theSchemaRoundTripsExactly() throws Exception {
        SavedModel back = ModelFile.fromBytes(ModelFile.toBytes(model(SavedModel.featuresJson(SCHEMA))), "m");
        assertEquals(SCHEMA, back.schema());
        assertEquals(0.1 + 0.2, back.schema().column("income").fill(), 0);   // the double itself, not ten digits of it
        assertEquals(List.of("age", "colour=blue", "colour=gr\u00fcn", "colour=red", "income", "age_missing"),
                back.schema().inputNames());
    }

    @Test
    void aModelWithoutASchemaStillLoads() throws Exception {
        assertNull(ModelFile.fromBytes(ModelFile.toBytes(model(null)), "old").schema());
    }

    @Test
    void aSchemaThatDoesNotFitIsRefused() {
        FeatureSchema narrow = FeatureSchema.numeric(List.of("a", "b"), List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model(SavedModel.featuresJson(narrow)));
        assertEquals("features describe 2 inputs, the network takes 6", e.getMessage());
        for (String bad : new String[] {"[]", "{\"columns\":[],\"labels\":[]}", "{\"columns\":[{\"name\":\"a\",\"kind\":\"date\"}],\"labels\":[]}",
                "{\"columns\":[{\"name\":\"a\",\"kind\":\"numeric\",\"fill\":\"NaN\"}],\"labels\":[]}",
                "{\"columns\":[{\"name\":\"a\",\"kind\":\"categorical\",\"categories\":[\"x\",\"x\"]}],\"labels\":[]}"}) {
            assertThrows(IllegalArgumentException.class, () -> model(bad), bad);
        }
    }

    @Test
    void theWeightColumnRoundTripsAndMustBeATableColumnThatIsNoFeature() throws Exception {
        Network net = Network.of("6-3relu-1", 7);
        Map<String, String> meta = Map.of(SavedModel.FEATURES, SavedModel.featuresJson(SCHEMA), SavedModel.WEIGHT_COLUMN, "w");
        SavedModel back = ModelFile.fromBytes(ModelFile.toBytes(new SavedModel(net, Loss.meanSquaredError(), Normalization.none(6),
                null, meta)), "m");
        assertEquals("w", back.weightColumn());
        assertNull(model(SavedModel.featuresJson(SCHEMA)).weightColumn());
        for (String bad : new String[] {"age", "price", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SavedModel(net, Loss.meanSquaredError(),
                    Normalization.none(6), null, Map.of(SavedModel.FEATURES, SavedModel.featuresJson(SCHEMA), SavedModel.WEIGHT_COLUMN, bad)));
            assertEquals("weight_column '" + bad + "' must name a column of the training table that is neither a feature nor a label"
                    + " of its features metadata", e.getMessage());
        }
        IllegalArgumentException alone = assertThrows(IllegalArgumentException.class, () -> new SavedModel(net, Loss.meanSquaredError(),
                Normalization.none(6), null, Map.of(SavedModel.WEIGHT_COLUMN, "w")));
        assertTrue(alone.getMessage().endsWith(", which is missing"), alone.getMessage());
    }

    @Test
    void aChangedSchemaInTheFileIsDetected() throws Exception {
        byte[] bytes = ModelFile.toBytes(model(SavedModel.featuresJson(SCHEMA)));
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("41.125");
        bytes[at + 1] = '2';                                   // 42.125: a different fill value, same length
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.fromBytes(bytes, "edited"));
        assertTrue(e.getMessage().startsWith("edited: the header has SHA-256 "), e.getMessage());
    }
}
