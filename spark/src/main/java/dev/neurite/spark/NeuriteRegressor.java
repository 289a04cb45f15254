package dev.neurite.spark;

import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * A Neurite MLP regression (a linear output, mean squared error) trained data-parallel on Spark; the
 * label column is the value to predict. Same Params and algorithm as {@link NeuriteClassifier}.
 */
public final class NeuriteRegressor extends NeuriteEstimator<NeuriteRegressor, NeuriteRegressionModel>
        implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    public NeuriteRegressor() {
        this(Identifiable$.MODULE$.randomUID("neuriteRegressor"));
    }

    public NeuriteRegressor(String uid) {
        super(uid);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        SchemaChecks.features(schema, getFeaturesCol(), -1);
        SchemaChecks.label(schema, getLabelCol(), false);
        return NeuriteClassifier.doubleOutput(schema, getPredictionCol());
    }

    @Override
    public NeuriteRegressionModel fit(Dataset<?> data) {
        transformSchema(data.schema());
        Fitting.Fitted fitted = Fitting.fit(this, data, false);
        NeuriteRegressionModel model = new NeuriteRegressionModel(uid(), fitted.model());
        copyValues(model, ParamMap.empty());
        model.setParent(this);
        return model.withTrainingLoss(fitted.history().stream().map(DistributedTrainer.RoundStats::loss).toList())
                .withRoundSeconds(fitted.roundSeconds());
    }

    @Override
    public NeuriteRegressor copy(ParamMap extra) {
        return (NeuriteRegressor) defaultCopy(extra);
    }

    public static NeuriteRegressor load(String path) {
        return read().load(path);
    }

    public static MLReader<NeuriteRegressor> read() {
        return new DefaultParamsReader<>();
    }
}
