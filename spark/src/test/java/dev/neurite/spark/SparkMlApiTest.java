package dev.neurite.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.data.Normalization;
import dev.neurite.data.NormalizationKind;
import dev.neurite.infer.Classification;
import dev.neurite.infer.Predictor;
import dev.neurite.io.ModelFile;
import dev.neurite.tensor.Matrix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The estimators in Spark ML: pipelines, save and load, cross-validation, schema errors, inference. */
class SparkMlApiTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkTests.session("local[2]");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Blobs as four plain double columns a, b, c, d (on scales far apart) and a label. */
    private static Dataset<Row> columns(Blobs blobs) {
        StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType)
                .add("c", DataTypes.DoubleType).add("d", DataTypes.DoubleType).add("label", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < blobs.x.length; i++) {
            float[] v = blobs.x[i];
            rows.add(RowFactory.create((double) v[0] * 100, (double) v[1], v[2] + 50.0, (double) v[3] / 10,
                    (double) blobs.labels[i]));
        }
        return spark.createDataFrame(rows, schema);
    }

    private static List<Row> sorted(Dataset<Row> predicted) {
        return predicted.select("a", "b", "c", "d", "rawPrediction", "probability", "prediction").orderBy("a", "b").collectAsList();
    }

    @Test
    void aPipelineFitsSavesLoadsAndPredictsTheSame() throws IOException {
        Dataset<Row> data = columns(Blobs.of(300, 4, 3, 81));
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new VectorAssembler().setInputCols(new String[] {"a", "b", "c", "d"}).setOutputCol("raw"),
            new StandardScaler().setInputCol("raw").setOutputCol("features").setWithMean(true),
            new NeuriteClassifier().setHiddenLayers(12).setEpochs(4).setLearningRate(0.01).setWorkers(2)});
        PipelineModel model = pipeline.fit(data);
        List<Row> before = sorted(model.transform(data));
        assertTrue(before.stream().filter(r -> r.getDouble(6) >= 0).count() == 300);

        String path = dir.resolve("pipeline").toString();
        model.write().save(path);
        PipelineModel loaded = PipelineModel.load(path);
        assertEquals(before, sorted(loaded.transform(data)));

        // the stage's data/model.neurite is a Neurite model file: the Predictor (neurite predict's) reads it
        NeuriteClassificationModel stage = (NeuriteClassificationModel) loaded.stages()[2];
        Path file = Path.of(path, "stages", "2_" + stage.uid(), "data", "model.neurite");
        assertArrayEquals(stage.modelBytes(), ModelFile.toBytes(ModelFile.load(file)));

        Pipeline unfitted = Pipeline.load(saveTo(pipeline, "unfitted"));
        NeuriteClassifier clf = (NeuriteClassifier) unfitted.getStages()[2];
        assertEquals(4, clf.getOrDefault(clf.epochs()));
        assertArrayEquals(new int[] {12}, clf.getOrDefault(clf.hiddenLayers()));
    }

    private String saveTo(Pipeline pipeline, String name) throws IOException {
        String path = dir.resolve(name).toString();
        pipeline.write().save(path);
        return path;
    }

    @Test
    void transformGivesThePredictorsNumbersForEveryRow() throws IOException {
        Blobs all = Blobs.of(500, 4, 3, 82), train = all.rows(0, 300), test = all.rows(300, 500);
        NeuriteClassificationModel model = new NeuriteClassifier().setHiddenLayers(8).setEpochs(3).setSeed(2)
                .fit(train.frame(spark));
        List<Row> rows = model.transform(test.frame(spark).repartition(3)).collectAsList();
        Predictor predictor = Predictor.of(ModelFile.fromBytes(model.modelBytes(), "model"));
        assertEquals(200, rows.size());
        for (Row r : rows) {
            double[] v = ((Vector) r.get(0)).toArray();
            float[] f = new float[v.length];
            for (int j = 0; j < v.length; j++) {
                f[j] = (float) v[j];
            }
            Classification c = predictor.classify(Matrix.wrap(f, 1, f.length))[0];
            assertEquals(c.index(), r.getDouble(4));
            assertArrayEquals(c.probabilities(), ((Vector) r.get(3)).toArray());
            assertArrayEquals(c.probabilities(), ((Vector) r.get(2)).toArray());
        }
    }

    @Test
    void aNormalizedModelScalesAsItsModelFileAndThePredictorDo() throws IOException {
        Dataset<Row> data = new VectorAssembler().setInputCols(new String[] {"a", "b", "c", "d"}).setOutputCol("features")
                .transform(columns(Blobs.of(300, 4, 3, 88)));
        List<Row> input = data.select("features").collectAsList();
        Matrix x = Matrix.zeros(input.size(), 4);
        for (int r = 0; r < input.size(); r++) {
            double[] v = ((Vector) input.get(r).get(0)).toArray();
            for (int j = 0; j < 4; j++) {
                x.set(r, j, (float) v[j]);
            }
        }
        NeuriteClassifier clf = new NeuriteClassifier().setHiddenLayers(12).setEpochs(10).setBatchSize(16).setLearningRate(0.03)
                .setWorkers(3);
        // min and max over three partitions are neurite train's exactly; the standard statistics to float rounding
        Normalization minMax = clf.setNormalize("min-max").fit(data).savedModel().normalization();
        assertEquals(Normalization.fitMinMax(x), minMax);
        NeuriteClassificationModel model = clf.setNormalize("standard").fit(data);
        Normalization standard = model.savedModel().normalization(), expected = Normalization.fitStandard(x);
        assertEquals(NormalizationKind.STANDARD, standard.kind());
        for (int j = 0; j < 4; j++) {
            assertEquals(expected.shift()[j], standard.shift()[j], 1e-6 * Math.abs(expected.shift()[j]), "mean " + j);
            assertEquals(expected.scale()[j], standard.scale()[j], 1e-6 * expected.scale()[j], "scale " + j);
        }

        String path = dir.resolve("scaled").toString();
        model.write().save(path);
        dev.neurite.io.SavedModel file = ModelFile.load(Path.of(path, "data", "model.neurite"));
        assertEquals(standard, file.normalization());
        Predictor predictor = Predictor.of(file);                              // neurite predict's, on the raw columns
        List<Row> rows = NeuriteClassificationModel.load(path).transform(data).collectAsList();
        for (Row r : rows) {
            double[] v = ((Vector) r.getAs("features")).toArray();
            float[] f = {(float) v[0], (float) v[1], (float) v[2], (float) v[3]};
            Classification c = predictor.classify(Matrix.wrap(f, 1, 4))[0];
            assertEquals(c.index(), (double) r.getAs("prediction"));
            assertArrayEquals(c.probabilities(), ((Vector) r.getAs("probability")).toArray());
        }
        double accuracy = SparkTests.accuracy(rows);
        assertTrue(accuracy > 0.9, "accuracy on columns 1000 times apart, standardised: " + accuracy);
    }

    @Test
    void crossValidationChoosesAmongAParamGrid() {
        NeuriteClassifier clf = new NeuriteClassifier().setEpochs(5).setBatchSize(16).setWorkers(2);
        ParamMap[] grid = new ParamGridBuilder().addGrid(clf.learningRate(), new double[] {1e-5, 0.03}).build();
        CrossValidator cv = new CrossValidator().setEstimator(clf).setEstimatorParamMaps(grid).setNumFolds(2).setSeed(1)
                .setEvaluator(new MulticlassClassificationEvaluator().setMetricName("accuracy"));
        CrossValidatorModel best = cv.fit(Blobs.of(200, 4, 3, 84).frame(spark));
        assertEquals(2, best.avgMetrics().length);
        assertTrue(best.avgMetrics()[1] > best.avgMetrics()[0], java.util.Arrays.toString(best.avgMetrics()));
        assertTrue(best.bestModel() instanceof NeuriteClassificationModel);
        double top = java.util.Arrays.stream(best.avgMetrics()).max().orElseThrow();
        assertTrue(top > 0.8, "best cross-validated accuracy " + top);
    }

    @Test
    void schemaErrorsNameTheColumnAndWhatToDo() {
        Dataset<Row> blobs = Blobs.of(20, 4, 2, 85).frame(spark);
        NeuriteClassifier clf = new NeuriteClassifier();
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                () -> clf.fit(blobs.withColumn("label", blobs.col("label").cast("string"))));
        assertTrue(text.getMessage().contains("'label' must be numeric") && text.getMessage().contains("StringIndexer"),
                text.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> clf.setFeaturesCol("pixels").fit(blobs));
        assertTrue(missing.getMessage().contains("'pixels' is not in the data"), missing.getMessage());
        clf.setFeaturesCol("features");
        IllegalArgumentException notVector = assertThrows(IllegalArgumentException.class,
                () -> clf.fit(blobs.withColumn("features", blobs.col("label"))));
        assertTrue(notVector.getMessage().contains("must be a vector"), notVector.getMessage());
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> clf.fit(blobs.withColumn("label", blobs.col("label").plus(0.5))));
        assertTrue(fraction.getMessage().contains("is not a class index"), fraction.getMessage());

        NeuriteClassificationModel model = clf.setEpochs(1).fit(blobs);
        Dataset<Row> wider = new VectorAssembler().setInputCols(new String[] {"a", "b", "c", "d", "e"}).setOutputCol("features")
                .transform(spark.range(3).selectExpr("1.0 a", "2.0 b", "3.0 c", "4.0 d", "5.0 e"));
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> model.transform(wider));
        assertTrue(size.getMessage().contains("holds vectors of 5 values, the model takes 4"), size.getMessage());
        Dataset<Row> noMetadata = Blobs.of(5, 3, 2, 86).frame(spark);
        SparkException atRun = assertThrows(SparkException.class, () -> model.transform(noMetadata).collectAsList());
        assertTrue(String.valueOf(atRun.getMessage()).contains("has 3 values, the model takes 4"), atRun.getMessage());
        IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
                () -> model.transform(blobs.withColumn("prediction", blobs.col("label"))));
        assertTrue(taken.getMessage().contains("'prediction' is already in the data"), taken.getMessage());
    }

    @Test
    void badSettingsAreRefusedNamingTheParam() {
        Dataset<Row> blobs = Blobs.of(20, 4, 2, 87).frame(spark);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NeuriteClassifier().setOptimizer("rmsprop").fit(blobs));
        assertTrue(e.getMessage().contains("optimizer must be one of") && e.getMessage().contains("rmsprop"), e.getMessage());
        IllegalArgumentException strategy = assertThrows(IllegalArgumentException.class,
                () -> new NeuriteClassifier().setStrategy("median").fit(blobs));
        assertTrue(strategy.getMessage().contains("'median'"), strategy.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NeuriteClassifier().setEpochs(0));

        String[][] cases = {
            {"normalize", "zscore", "normalize must be one of none, min-max, standard, was 'zscore'"},
            {"schedule", "step", "schedule must be one of constant, seed-decay, inverse-time, cosine, cosine-per-step,"
                + " one-cycle, was 'step'"},
            {"schedule", "inverse-time", "schedule inverse-time needs decay > 0, was 0.0"},
            {"cosine with decay", "cosine", "decay 0.1 is not used by schedule cosine (only seed-decay and inverse-time use it)"},
            {"input dropout", "", "inputDropout must be in [0, 1)"},
        };
        for (String[] c : cases) {
            NeuriteClassifier clf = new NeuriteClassifier();
            switch (c[0]) {
                case "normalize" -> clf.setNormalize(c[1]);
                case "schedule" -> clf.setSchedule(c[1]);
                case "cosine with decay" -> clf.setSchedule(c[1]).setDecay(0.1);
                default -> { }
            }
            if (c[0].equals("input dropout")) {
                IllegalArgumentException param = assertThrows(IllegalArgumentException.class, () -> clf.setInputDropout(1.0));
                assertTrue(param.getMessage().contains("inputDropout") && param.getMessage().contains("1.0"), param.getMessage());
                continue;
            }
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, clf::settingsCheck, c[0]);
            assertTrue(bad.getMessage().contains(c[2]), bad.getMessage());
        }
        NeuriteClassifier negative = new NeuriteClassifier();
        java.util.Map<String, org.junit.jupiter.api.function.Executable> setters = java.util.Map.of(
                "l1", () -> negative.setL1(-1), "maxNorm", () -> negative.setMaxNorm(-1), "decay", () -> negative.setDecay(-1));
        setters.forEach((name, set) -> {
            IllegalArgumentException param = assertThrows(IllegalArgumentException.class, set, name);
            assertTrue(param.getMessage().contains("parameter " + name) && param.getMessage().contains("-1.0"), param.getMessage());
        });
        new NeuriteClassifier().setDecay(0.1).settingsCheck();             // seed-decay, as neurite train --decay has it
        new NeuriteClassifier().setHiddenLayers().setInputDropout(0.2).setNoBias(true).setL1(1e-3).setMaxNorm(2).settingsCheck();
    }

    @Test
    void aRegressorLearnsALinearTargetAndSavesAndLoads() {
        StructType schema = Blobs.SCHEMA;
        List<Row> rows = new ArrayList<>();
        dev.neurite.tensor.Rng rng = new dev.neurite.tensor.Rng(5);
        for (int i = 0; i < 400; i++) {
            double a = rng.nextGaussian(), b = rng.nextGaussian();
            rows.add(RowFactory.create(org.apache.spark.ml.linalg.Vectors.dense(a, b), 3 * a - 2 * b + 1));
        }
        Dataset<Row> data = spark.createDataFrame(rows, schema);
        NeuriteRegressionModel model = new NeuriteRegressor().setHiddenLayers(16).setEpochs(15).setLearningRate(0.01)
                .setWorkers(2).fit(data);
        double r2 = new RegressionEvaluator().setMetricName("r2").evaluate(model.transform(data));
        assertTrue(r2 > 0.95, "R² " + r2);
        String path = dir.resolve("regression").toString();
        try {
            model.write().save(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        NeuriteRegressionModel loaded = NeuriteRegressionModel.load(path);
        assertEquals(model.transform(data).select("prediction").collectAsList(),
                loaded.transform(data).select("prediction").collectAsList());
    }
}
