package dev.neurite.spark;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.types.StructType;

/**
 * A trained Neurite classifier as a Spark ML model. {@code transform} appends {@code rawPrediction} and
 * {@code probability} (the model's class probabilities, as vectors) and {@code prediction} (the class
 * index, as a double), computed by one {@code Predictor} per partition: the numbers {@code neurite
 * predict} gives for the same rows. Saved as Spark metadata plus {@code data/model.neurite}.
 */
public final class NeuriteClassificationModel extends NeuriteModel<NeuriteClassificationModel> {
    private static final long serialVersionUID = 1L;

    private final Param<String> probabilityCol, rawPredictionCol;

    /** A model of these model-file bytes ({@code ModelFile.toBytes}); a classifier's. */
    public NeuriteClassificationModel(String uid, byte[] modelBytes) {
        super(uid, modelBytes);
        if (savedModel().head().isRegression()) {
            throw new IllegalArgumentException("the model of " + uid + " is a regression: load it as a NeuriteRegressionModel");
        }
        probabilityCol = new Param<>(this, "probabilityCol", "class probabilities column name");
        rawPredictionCol = new Param<>(this, "rawPredictionCol", "raw prediction (confidence) column name");
        setDefault(probabilityCol, "probability");
        setDefault(rawPredictionCol, "rawPrediction");
    }

    /** The number of classes. */
    public int numClasses() { return savedModel().head().classes(); }

    public Param<String> probabilityCol() { return probabilityCol; }
    public Param<String> rawPredictionCol() { return rawPredictionCol; }
    public NeuriteClassificationModel setProbabilityCol(String v) { set(probabilityCol, v); return this; }
    public NeuriteClassificationModel setRawPredictionCol(String v) { set(rawPredictionCol, v); return this; }

    @Override
    boolean classes() { return true; }

    @Override
    StructType appendOutputs(StructType schema) {
        return outputs(schema, getOrDefault(rawPredictionCol), getOrDefault(probabilityCol), getPredictionCol());
    }

    static StructType outputs(StructType schema, String raw, String probability, String prediction) {
        return NeuriteClassifier.doubleOutput(NeuriteClassifier.vectorOutput(NeuriteClassifier.vectorOutput(schema, raw),
                probability), prediction);
    }

    @Override
    public NeuriteClassificationModel copy(ParamMap extra) {
        NeuriteClassificationModel copy = new NeuriteClassificationModel(uid(), modelBytes());
        copyValues(copy, extra);
        return copy.setParent(parent()).withTrainingLoss(trainingLoss()).withRoundSeconds(trainingRoundSeconds());
    }

    /** The model saved by {@code write().save(path)} (or inside a saved {@code PipelineModel}). */
    public static NeuriteClassificationModel load(String path) {
        return read().load(path);
    }

    public static MLReader<NeuriteClassificationModel> read() {
        return new ModelReader<>(NeuriteClassificationModel.class, NeuriteClassificationModel::new);
    }
}
