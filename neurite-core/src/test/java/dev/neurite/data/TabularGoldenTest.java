package dev.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.tensor.Matrix;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Imputation, one-hot encoding and target standardisation against scikit-learn: the numbers below are
 * printed by tools/tabular_goldens.py (SimpleImputer, OneHotEncoder(handle_unknown="ignore"),
 * StandardScaler; scikit-learn 1.2.1) on the same two files, fitted on train.csv only and applied to
 * test.csv, whose columns come in another order, with an unknown colour and city and missing cells.
 */
class TabularGoldenTest {
    static final double[] FILLS_MEAN = {41.125, 54437.5};
    static final int WIDTH = 12;
    static final double[] TEST_MEAN = {30.0, 0.0, 0.0, 0.0, 54437.5, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 41.125, 0.0, 0.0, 1.0, 49000.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 55.0, 0.0, 0.0, 1.0, 54437.5, 0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0};
    static final double[] FILLS_MEDIAN = {39.5, 52000.0};
    static final double[] TEST_MEDIAN = {30.0, 0.0, 0.0, 0.0, 52000.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 39.5, 0.0, 0.0, 1.0, 49000.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 55.0, 0.0, 0.0, 1.0, 52000.0, 0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0};
    static final double[] FILLS_MOST_FREQUENT = {29.0, 52000.0};
    static final double[] TEST_MOST_FREQUENT = {30.0, 0.0, 0.0, 0.0, 52000.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 29.0, 0.0, 0.0, 1.0, 49000.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 55.0, 0.0, 0.0, 1.0, 52000.0, 0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0};
    static final double[] TARGET_MEAN = {1.741, 74.14};
    static final double[] TARGET_SCALE = {0.08419619943916708, 10.105661779418508};
    static final double[] TRAIN_TARGETS_STANDARDISED = {-0.24941743380202003, -0.36019412478392393, 0.7007442187770988, 0.7876772618901186, -1.080808879808749, -1.3794247526065653, 0.10689318591514956, 0.08510080970169624, -0.7244982600915795, -0.7758027303038363, 1.8884462845009948, 1.707953459827068, 0.34443359905992926, 0.5699775161415943, -1.6746599126706956, -1.5179609544465367, 1.0570548384942684, 1.07464510855863, -0.3681876403744099, -0.1919715939782449};

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(TabularGoldenTest.class.getResource("tabular/" + name).toURI());
    }

    private static Tabular.Fitted fit(Imputation strategy) throws Exception {
        return Tabular.reader().labels(List.of("height", "weight")).regression(true).impute(strategy).missingIndicator(true)
                .fit(resource("train.csv"));
    }

    private static void assertMatrix(double[] expected, Matrix actual) {
        assertEquals(expected.length, actual.rows() * actual.cols());
        for (int i = 0; i < expected.length; i++) {
            assertEquals((float) expected[i], actual.data()[i], 0f, "input " + i);
        }
    }

    private static void check(Imputation strategy, double[] fills, double[] test) throws Exception {
        Tabular.Fitted fitted = fit(strategy);
        FeatureSchema s = fitted.schema();
        assertEquals(List.of("age", "colour", "income", "city"), s.names());
        assertEquals(WIDTH, s.inputSize());
        assertEquals(fills[0], s.column("age").fill(), 0);
        assertEquals(fills[1], s.column("income").fill(), 0);
        List<String> warnings = new ArrayList<>();
        Matrix x = Tabular.reader().schema(s).warnings(warnings::add).features(resource("test.csv"));
        assertMatrix(test, x);
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).endsWith("test.csv: column 'colour': 1 row has a category not in the training data"
                + " (first: line 2, 'purple'), encoded as all zeros"), warnings.get(0));
        assertTrue(warnings.get(1).endsWith("test.csv: column 'city': 1 row has a category not in the training data"
                + " (first: line 3, 'Marseille'), encoded as all zeros"), warnings.get(1));
    }

    @Test
    void meanImputationMatchesScikitLearn() throws Exception {
        check(Imputation.MEAN, FILLS_MEAN, TEST_MEAN);
    }

    @Test
    void medianImputationMatchesScikitLearn() throws Exception {
        check(Imputation.MEDIAN, FILLS_MEDIAN, TEST_MEDIAN);
    }

    @Test
    void mostFrequentImputationMatchesScikitLearn() throws Exception {
        check(Imputation.MOST_FREQUENT, FILLS_MOST_FREQUENT, TEST_MOST_FREQUENT);
    }

    @Test
    void categoriesAndTheirFillAreScikitLearns() throws Exception {
        FeatureSchema s = fit(Imputation.MEAN).schema();
        assertEquals(List.of("blue", "green", "red"), s.column("colour").categories());
        assertEquals("red", s.column("colour").fillCategory());
        assertEquals(List.of("Lyon", "Nice", "Paris"), s.column("city").categories());
        assertEquals("Paris", s.column("city").fillCategory());
        assertEquals(List.of("age", "colour=blue", "colour=green", "colour=red", "income", "city=Lyon", "city=Nice",
                "city=Paris", "age_missing", "colour_missing", "income_missing", "city_missing"), s.inputNames());
    }

    @Test
    void targetStandardisationMatchesStandardScaler() throws Exception {
        Dataset train = fit(Imputation.MEAN).data();
        TargetScaling scaling = TargetScaling.fit(train.y());
        for (int k = 0; k < 2; k++) {
            // the targets are read as float32; scikit-learn's float64 figures agree to float precision
            assertEquals(TARGET_MEAN[k], scaling.mean()[k], Math.abs(TARGET_MEAN[k]) * 1e-6);
            assertEquals(TARGET_SCALE[k], scaling.std()[k], TARGET_SCALE[k] * 1e-5);
        }
        Matrix standardised = scaling.standardize(train.y());
        for (int i = 0; i < TRAIN_TARGETS_STANDARDISED.length; i++) {
            assertEquals(TRAIN_TARGETS_STANDARDISED[i], standardised.data()[i], 2e-5, "target " + i);
        }
    }

    @Test
    void unknownCategoryCanBeRefused() throws Exception {
        FeatureSchema s = fit(Imputation.MEAN).schema();
        DataFileException e = org.junit.jupiter.api.Assertions.assertThrows(DataFileException.class, () -> Tabular.reader()
                .schema(s).unknownCategories(Tabular.UnknownCategory.ERROR).features(resource("test.csv")));
        assertTrue(e.getMessage().endsWith("test.csv: line 2, column 4 ('colour'): the category 'purple' was not in the"
                + " training data (its 3 categories: [blue, green, red]); fix the cell, or use --unknown-category zeros"
                + " to encode it as all zeros"), e.getMessage());
    }
}
