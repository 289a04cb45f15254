package dev.neurite.spark;

import dev.neurite.data.Normalization;
import dev.neurite.data.NormalizationKind;
import dev.neurite.io.ModelFile;
import dev.neurite.io.SavedModel;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * An estimator's {@code fit}: checks, packs the shards, fits the normalisation on them and applies it (as
 * {@code neurite train --normalize} does before training), trains in rounds, and writes the model file's bytes
 * with the normalisation in it (so {@code neurite predict} and {@code transform} apply it).
 */
final class Fitting {
    private Fitting() {}

    /** The trained model as model-file bytes, and the rounds' figures. */
    record Fitted(byte[] model, List<DistributedTrainer.RoundStats> history, List<Double> roundSeconds) {}

    static Fitted fit(NeuriteEstimator<?, ?> estimator, Dataset<?> data, boolean classes) {
        StructType schema = data.schema();
        String featuresCol = estimator.getFeaturesCol(), labelCol = estimator.getLabelCol();
        SchemaChecks.features(schema, featuresCol, -1);
        SchemaChecks.label(schema, labelCol, classes);
        TrainSettings settings = estimator.settings();
        JavaRDD<Shard> shards = Shards.pack(data, featuresCol, labelCol, classes, settings.workers());
        try {
            return train(estimator, schema, shards, settings, classes);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw Failures.unwrap(e);
        } finally {
            shards.unpersist(false);
        }
    }

    private static Fitted train(NeuriteEstimator<?, ?> estimator, StructType schema, JavaRDD<Shard> shards,
                                TrainSettings settings, boolean classes) {
        String featuresCol = estimator.getFeaturesCol(), labelCol = estimator.getLabelCol();
        List<Shards.Info> infos = Shards.infos(shards);
        int inputs = -1, maxLabel = -1;
        long rows = 0;
        for (Shards.Info i : infos) {
            if (i.rows() == 0) {
                continue;
            }
            if (inputs >= 0 && i.inputs() != inputs) {
                throw new IllegalArgumentException("partition " + i.partition() + " has feature vectors of " + i.inputs()
                        + " values, the partitions before it " + inputs + "; every feature vector must have the same size");
            }
            inputs = i.inputs();
            maxLabel = Math.max(maxLabel, i.maxLabel());
            rows += i.rows();
        }
        if (rows == 0) {
            throw new IllegalArgumentException("the training data has no rows");
        }
        if (inputs == 0) {
            throw new IllegalArgumentException("the features column '" + featuresCol + "' holds empty vectors");
        }
        List<String> names = classes ? SchemaChecks.classNames(schema, labelCol) : null;
        int outputs = 1;
        if (classes) {
            int declared = SchemaChecks.classCount(schema, labelCol);
            outputs = Math.max(declared, maxLabel + 1);
            if (declared > 0 && maxLabel >= declared) {
                throw new IllegalArgumentException("the label column '" + labelCol + "' holds the class " + maxLabel
                        + ", its metadata counts " + declared + " classes");
            }
            if (outputs < 2) {
                throw new IllegalArgumentException("the label column '" + labelCol + "' holds one class only (0);"
                        + " a classifier needs at least 2");
            }
            if (names != null && names.size() != outputs) {
                names = null;
            }
        }
        Normalization normalization;
        try {
            normalization = Shards.fitNormalization(shards, settings.normalization(), inputs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the features column '" + featuresCol + "', normalize " + settings.normalize()
                    + ": " + e.getMessage(), e);
        }
        JavaRDD<Shard> trainOn = shards;
        if (settings.normalization() != NormalizationKind.NONE) {
            trainOn = Shards.normalized(shards, normalization);
            shards.unpersist(false);
        }
        DistributedTrainer.Result r;
        try {
            r = new DistributedTrainer(settings, estimator.failRound()).train(trainOn, infos, inputs, outputs, classes);
        } finally {
            trainOn.unpersist(false);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("seed", Long.toString(settings.seed()));
        meta.put("data", "Spark: " + rows + " rows in " + r.partitions() + " partitions");
        meta.put("epochs", Integer.toString(settings.epochs()));
        meta.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        meta.put("optimizer", settings.optimizerConfig().toString());
        meta.put("user.spark_averaging_period", settings.averagingPeriod() == 0 ? "one pass"
                : Integer.toString(settings.averagingPeriod()));
        meta.put("user.spark_strategy", settings.strategy());
        SavedModel model = new SavedModel(r.network(), TrainSettings.loss(classes), normalization, names, meta);
        return new Fitted(ModelFile.toBytes(model), r.history(), r.roundSeconds());
    }
}
