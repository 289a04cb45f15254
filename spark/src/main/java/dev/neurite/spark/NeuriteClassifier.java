package dev.neurite.spark;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A Neurite MLP classifier trained data-parallel on Spark (softmax + cross-entropy; labels are class
 * indices 0…K−1, K from the label's metadata or the largest label):
 *
 * <pre>{@code
 * NeuriteClassifier clf = new NeuriteClassifier().setHiddenLayers(128).setEpochs(10).setWorkers(2);
 * NeuriteClassificationModel model = clf.fit(train);          // features: vector, label: numeric
 * model.transform(test);                                      // + rawPrediction, probability, prediction
 * }</pre>
 *
 * Plugs into {@code Pipeline}, {@code CrossValidator} and {@code ParamGridBuilder}; saved with
 * {@code write().save(path)}, loaded with {@link #load}.
 */
public final class NeuriteClassifier extends NeuriteEstimator<NeuriteClassifier, NeuriteClassificationModel>
        implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final Param<String> probabilityCol, rawPredictionCol;

    public NeuriteClassifier() {
        this(Identifiable$.MODULE$.randomUID("neuriteClassifier"));
    }

    public NeuriteClassifier(String uid) {
        super(uid);
        probabilityCol = new Param<>(this, "probabilityCol", "class probabilities column name");
        rawPredictionCol = new Param<>(this, "rawPredictionCol", "raw prediction (confidence) column name");
        setDefault(probabilityCol, "probability");
        setDefault(rawPredictionCol, "rawPrediction");
    }

    public Param<String> probabilityCol() { return probabilityCol; }
    public Param<String> rawPredictionCol() { return rawPredictionCol; }
    public NeuriteClassifier setProbabilityCol(String v) { set(probabilityCol, v); return this; }
    public NeuriteClassifier setRawPredictionCol(String v) { set(rawPredictionCol, v); return this; }

    @Override
    public StructType transformSchema(StructType schema) {
        SchemaChecks.features(schema, getFeaturesCol(), -1);
        SchemaChecks.label(schema, getLabelCol(), true);
        return NeuriteClassificationModel.outputs(schema, getOrDefault(rawPredictionCol), getOrDefault(probabilityCol),
                getPredictionCol());
    }

    @Override
    public NeuriteClassificationModel fit(Dataset<?> data) {
        transformSchema(data.schema());
        Fitting.Fitted fitted = Fitting.fit(this, data, true);
        NeuriteClassificationModel model = new NeuriteClassificationModel(uid(), fitted.model());
        copyValues(model, ParamMap.empty());
        model.setParent(this);
        return model.withTrainingLoss(fitted.history().stream().map(DistributedTrainer.RoundStats::loss).toList())
                .withRoundSeconds(fitted.roundSeconds());
    }

    @Override
    public NeuriteClassifier copy(ParamMap extra) {
        return (NeuriteClassifier) defaultCopy(extra);
    }

    /** The classifier saved by {@code write().save(path)}. */
    public static NeuriteClassifier load(String path) {
        return read().load(path);
    }

    public static MLReader<NeuriteClassifier> read() {
        return new DefaultParamsReader<>();
    }

    static StructType vectorOutput(StructType schema, String col) {
        return SchemaChecks.append(schema, col, SQLDataTypes.VectorType());
    }

    static StructType doubleOutput(StructType schema, String col) {
        return SchemaChecks.append(schema, col, DataTypes.DoubleType);
    }
}
