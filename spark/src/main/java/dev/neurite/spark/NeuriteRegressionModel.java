package dev.neurite.spark;

import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.types.StructType;

/**
 * A trained Neurite regression as a Spark ML model: {@code transform} appends {@code prediction}, the
 * model's value for each row (one {@code Predictor} per partition, as {@code neurite predict}).
 */
public final class NeuriteRegressionModel extends NeuriteModel<NeuriteRegressionModel> {
    private static final long serialVersionUID = 1L;

    /** A model of these model-file bytes ({@code ModelFile.toBytes}); a single-target regression's. */
    public NeuriteRegressionModel(String uid, byte[] modelBytes) {
        super(uid, modelBytes);
        if (!savedModel().head().isRegression() || savedModel().network().outputSize() != 1) {
            throw new IllegalArgumentException("the model of " + uid + " is not a single-target regression"
                    + " (load a classifier as a NeuriteClassificationModel)");
        }
    }

    @Override
    boolean classes() { return false; }

    @Override
    StructType appendOutputs(StructType schema) {
        return NeuriteClassifier.doubleOutput(schema, getPredictionCol());
    }

    @Override
    public NeuriteRegressionModel copy(ParamMap extra) {
        NeuriteRegressionModel copy = new NeuriteRegressionModel(uid(), modelBytes());
        copyValues(copy, extra);
        return copy.setParent(parent()).withTrainingLoss(trainingLoss()).withRoundSeconds(trainingRoundSeconds());
    }

    public static NeuriteRegressionModel load(String path) {
        return read().load(path);
    }

    public static MLReader<NeuriteRegressionModel> read() {
        return new ModelReader<>(NeuriteRegressionModel.class, NeuriteRegressionModel::new);
    }
}
