package dev.neurite.spark;

import dev.neurite.io.ModelFile;
import dev.neurite.io.ModelFormatException;
import dev.neurite.io.SavedModel;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * What Neurite's two Spark models share: a Neurite model file's bytes (the very bytes {@code neurite
 * predict} reads), batch inference through one {@code Predictor} per partition, and saving as Spark ML
 * metadata plus {@code data/model.neurite}.
 *
 * @param <M> the model itself
 */
public abstract class NeuriteModel<M extends NeuriteModel<M>> extends Model<M> implements MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final byte[] modelBytes;
    private final transient SavedModel saved;
    private final Param<String> featuresCol, predictionCol;
    private List<Double> trainingLoss = List.of();
    private List<Double> roundSeconds = List.of();

    protected NeuriteModel(String uid, byte[] modelBytes) {
        this.uid = uid;
        this.modelBytes = modelBytes.clone();
        try {
            this.saved = ModelFile.fromBytes(this.modelBytes, "the model of " + uid);
        } catch (ModelFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        featuresCol = new Param<>(this, "featuresCol", "features column name (a vector)");
        predictionCol = new Param<>(this, "predictionCol", "prediction column name");
        setDefault(featuresCol, "features");
        setDefault(predictionCol, "prediction");
    }

    @Override
    public String uid() { return uid; }

    /** The model file's bytes (a copy): {@code ModelFile.fromBytes} reads them, {@code neurite predict} their file. */
    public byte[] modelBytes() { return modelBytes.clone(); }

    /** The Neurite model: its network, loss, normalisation and class names. */
    public SavedModel savedModel() {
        try {
            return ModelFile.fromBytes(modelBytes, "the model of " + uid);
        } catch (ModelFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The features each example must have. */
    public int numFeatures() { return saved == null ? savedModel().network().inputSize() : saved.network().inputSize(); }

    /** The mean training loss of each round of the fit that made this model (empty for a loaded model). */
    public List<Double> trainingLoss() { return trainingLoss; }

    /**
     * The wall time of each round the fit that made this model ran, in seconds, from the round's broadcast to
     * its averaged state on the driver (the shuffle into partitions and the packing of the shards come before
     * the first round and are not in it; empty for a loaded model). With one pass per round, a round is an epoch.
     */
    public List<Double> trainingRoundSeconds() { return roundSeconds; }

    @SuppressWarnings("unchecked")
    M withTrainingLoss(List<Double> loss) {
        this.trainingLoss = List.copyOf(loss);
        return (M) this;
    }

    @SuppressWarnings("unchecked")
    M withRoundSeconds(List<Double> seconds) {
        this.roundSeconds = List.copyOf(seconds);
        return (M) this;
    }

    abstract boolean classes();

    /** The output columns, with their types, appended to {@code schema}. */
    abstract StructType appendOutputs(StructType schema);

    public Param<String> featuresCol() { return featuresCol; }
    public Param<String> predictionCol() { return predictionCol; }
    public String getFeaturesCol() { return getOrDefault(featuresCol); }
    public String getPredictionCol() { return getOrDefault(predictionCol); }

    @SuppressWarnings("unchecked")
    public M setFeaturesCol(String v) { set(featuresCol, v); return (M) this; }

    @SuppressWarnings("unchecked")
    public M setPredictionCol(String v) { set(predictionCol, v); return (M) this; }

    @Override
    public StructType transformSchema(StructType schema) {
        SchemaChecks.features(schema, getFeaturesCol(), numFeatures());
        return appendOutputs(schema);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> data) {
        StructType out = transformSchema(data.schema());
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
        Broadcast<byte[]> model = sc.broadcast(modelBytes);
        int index = data.schema().fieldIndex(getFeaturesCol());
        return data.toDF().mapPartitions(new BatchInference(model, index, getFeaturesCol(), classes()), Encoders.row(out));
    }

    @Override
    public MLWriter write() {
        return new ModelWriter(this, modelBytes);
    }
}
