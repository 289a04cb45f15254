package dev.neurite.spark;

import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;

/**
 * What Neurite's two Spark estimators share: the Params of {@code neurite train} (hidden layers,
 * activation, dropout, input dropout, init, biases, optimizer, learning rate and its schedule, momentum, L1,
 * L2, max-norm, feature normalisation, epochs, batch size, seed, shuffling) and of the distribution (workers,
 * averaging period K, strategy, driver checkpoints), with their defaults, and the columns.
 *
 * @param <E> the estimator itself (setters return it)
 * @param <M> the model it fits
 */
public abstract class NeuriteEstimator<E extends NeuriteEstimator<E, M>, M extends Model<M>> extends Estimator<M> {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> featuresCol, labelCol, predictionCol, activation, init, optimizer, schedule, normalize, strategy,
            checkpointDir;
    private final IntArrayParam hiddenLayers;
    private final DoubleParam dropout, inputDropout, learningRate, decay, momentum, l1, l2, maxNorm;
    private final IntParam epochs, batchSize, workers, averagingPeriod, checkpointEvery;
    private final LongParam seed;
    private final BooleanParam shuffle, noBias;
    private int failRound = -1;

    protected NeuriteEstimator(String uid) {
        this.uid = uid;
        featuresCol = new Param<>(this, "featuresCol", "features column name (a vector)");
        labelCol = new Param<>(this, "labelCol", "label column name (numeric)");
        predictionCol = new Param<>(this, "predictionCol", "prediction column name");
        hiddenLayers = new IntArrayParam(this, "hiddenLayers", "hidden layer sizes, e.g. [128] or [256, 64]; [] for none");
        activation = new Param<>(this, "activation", "hidden activation: tanh, sigmoid, relu or leaky-relu");
        dropout = new DoubleParam(this, "dropout", "dropout rate in [0, 1) after each hidden layer",
                ParamValidators.inRange(0, 1, true, false));
        inputDropout = new DoubleParam(this, "inputDropout", "dropout rate in [0, 1) on the inputs",
                ParamValidators.inRange(0, 1, true, false));
        init = new Param<>(this, "init", "initialiser: seed-uniform, unit-uniform, xavier, xavier-normal, he, he-normal;"
                + " empty for he before relu, xavier otherwise");
        noBias = new BooleanParam(this, "noBias", "dense layers without biases");
        optimizer = new Param<>(this, "optimizer", "sgd, momentum, nesterov, adam or adamw");
        learningRate = new DoubleParam(this, "learningRate", "step size; NaN for 0.001 with adam/adamw, 0.1 otherwise");
        schedule = new Param<>(this, "schedule", "learning-rate schedule: constant, seed-decay, inverse-time (both need decay),"
                + " cosine, cosine-per-step or one-cycle (over epochs); empty for seed-decay with a decay, constant without");
        decay = new DoubleParam(this, "decay", "decay d of seed-decay (each epoch lr ← lr / (1 + d·epoch)) and inverse-time",
                ParamValidators.gtEq(0));
        momentum = new DoubleParam(this, "momentum", "momentum constant of momentum and nesterov, in [0, 1)",
                ParamValidators.inRange(0, 1, true, false));
        l1 = new DoubleParam(this, "l1", "L1 penalty l1·Σ|w| on weights", ParamValidators.gtEq(0));
        l2 = new DoubleParam(this, "l2", "L2 penalty l2/2·Σw² on weights", ParamValidators.gtEq(0));
        maxNorm = new DoubleParam(this, "maxNorm", "bound on each unit's incoming weight norm; 0 for none",
                ParamValidators.gtEq(0));
        normalize = new Param<>(this, "normalize", "feature scaling fitted on the training data and saved in the model:"
                + " none, min-max or standard");
        epochs = new IntParam(this, "epochs", "passes over the training data", ParamValidators.gt(0));
        batchSize = new IntParam(this, "batchSize", "examples per local step", ParamValidators.gt(0));
        seed = new LongParam(this, "seed", "seed for weights, shuffling and dropout");
        shuffle = new BooleanParam(this, "shuffle", "shuffle each partition's rows every epoch");
        workers = new IntParam(this, "workers", "partitions to train on, in contiguous ranges of the rows; 0 keeps"
                + " the data's own partitions", ParamValidators.gtEq(0));
        averagingPeriod = new IntParam(this, "averagingPeriod", "K: local steps per partition between two averagings;"
                + " 0 for one pass over each partition", ParamValidators.gtEq(0));
        strategy = new Param<>(this, "strategy", "average: weights and optimizer state averaged each round;"
                + " weights: weights averaged, the optimizer restarted each round");
        checkpointDir = new Param<>(this, "checkpointDir", "driver folder for round checkpoints (a run with the same"
                + " settings resumes from it); empty for none");
        checkpointEvery = new IntParam(this, "checkpointEvery", "rounds between two checkpoints", ParamValidators.gt(0));
        setDefault(featuresCol, "features");
        setDefault(labelCol, "label");
        setDefault(predictionCol, "prediction");
        setDefault(hiddenLayers, new int[] {128});
        setDefault(activation, "relu");
        setDefault(dropout, 0.0);
        setDefault(inputDropout, 0.0);
        setDefault(init, "");
        setDefault(noBias, false);
        setDefault(optimizer, "adam");
        setDefault(learningRate, Double.NaN);
        setDefault(schedule, "");
        setDefault(decay, 0.0);
        setDefault(momentum, 0.9);
        setDefault(l1, 0.0);
        setDefault(l2, 0.0);
        setDefault(maxNorm, 0.0);
        setDefault(normalize, "none");
        setDefault(epochs, 10);
        setDefault(batchSize, 64);
        setDefault(seed, 1L);
        setDefault(shuffle, true);
        setDefault(workers, 0);
        setDefault(averagingPeriod, 0);
        setDefault(strategy, "average");
        setDefault(checkpointDir, "");
        setDefault(checkpointEvery, 1);
    }

    @Override
    public String uid() { return uid; }

    @SuppressWarnings("unchecked")
    private E self() { return (E) this; }

    /** Makes partition 0 fail on its first attempt in round {@code round} (fault-injection tests; -1 for none). */
    E failFirstAttemptOfRound(int round) {
        this.failRound = round;
        return self();
    }

    /** The settings these Params describe, checked. */
    TrainSettings settings() {
        String opt = getOrDefault(optimizer);
        double lr = (Double) getOrDefault(learningRate);
        return new TrainSettings((int[]) getOrDefault(hiddenLayers), getOrDefault(activation), (Double) getOrDefault(dropout),
                (Double) getOrDefault(inputDropout), getOrDefault(init), !(Boolean) getOrDefault(noBias), opt,
                Double.isNaN(lr) ? (opt.startsWith("adam") ? 0.001 : 0.1) : lr, getOrDefault(schedule),
                (Double) getOrDefault(decay), (Double) getOrDefault(momentum), (Double) getOrDefault(l1),
                (Double) getOrDefault(l2), (Double) getOrDefault(maxNorm), getOrDefault(normalize), (Integer) getOrDefault(epochs),
                (Integer) getOrDefault(batchSize), (Long) getOrDefault(seed), (Boolean) getOrDefault(shuffle),
                (Integer) getOrDefault(workers), (Integer) getOrDefault(averagingPeriod), getOrDefault(strategy),
                getOrDefault(checkpointDir), (Integer) getOrDefault(checkpointEvery));
    }

    int failRound() { return failRound; }

    /** Checks the Params together (the choices and ranges a single Param cannot check), before any data is read. */
    public void settingsCheck() {
        settings();
    }

    public Param<String> featuresCol() { return featuresCol; }
    public Param<String> labelCol() { return labelCol; }
    public Param<String> predictionCol() { return predictionCol; }
    public IntArrayParam hiddenLayers() { return hiddenLayers; }
    public Param<String> activation() { return activation; }
    public DoubleParam dropout() { return dropout; }
    public DoubleParam inputDropout() { return inputDropout; }
    public Param<String> init() { return init; }
    public BooleanParam noBias() { return noBias; }
    public Param<String> optimizer() { return optimizer; }
    public DoubleParam learningRate() { return learningRate; }
    public Param<String> schedule() { return schedule; }
    public DoubleParam decay() { return decay; }
    public DoubleParam momentum() { return momentum; }
    public DoubleParam l1() { return l1; }
    public DoubleParam l2() { return l2; }
    public DoubleParam maxNorm() { return maxNorm; }
    public Param<String> normalize() { return normalize; }
    public IntParam epochs() { return epochs; }
    public IntParam batchSize() { return batchSize; }
    public LongParam seed() { return seed; }
    public BooleanParam shuffle() { return shuffle; }
    public IntParam workers() { return workers; }
    public IntParam averagingPeriod() { return averagingPeriod; }
    public Param<String> strategy() { return strategy; }
    public Param<String> checkpointDir() { return checkpointDir; }
    public IntParam checkpointEvery() { return checkpointEvery; }

    public E setFeaturesCol(String v) { set(featuresCol, v); return self(); }
    public E setLabelCol(String v) { set(labelCol, v); return self(); }
    public E setPredictionCol(String v) { set(predictionCol, v); return self(); }
    public E setHiddenLayers(int... v) { set(hiddenLayers, v.clone()); return self(); }
    public E setActivation(String v) { set(activation, v); return self(); }
    public E setDropout(double v) { set(dropout, v); return self(); }
    public E setInputDropout(double v) { set(inputDropout, v); return self(); }
    public E setInit(String v) { set(init, v); return self(); }
    public E setNoBias(boolean v) { set(noBias, v); return self(); }
    public E setOptimizer(String v) { set(optimizer, v); return self(); }
    public E setLearningRate(double v) { set(learningRate, v); return self(); }
    public E setSchedule(String v) { set(schedule, v); return self(); }
    public E setDecay(double v) { set(decay, v); return self(); }
    public E setMomentum(double v) { set(momentum, v); return self(); }
    public E setL1(double v) { set(l1, v); return self(); }
    public E setL2(double v) { set(l2, v); return self(); }
    public E setMaxNorm(double v) { set(maxNorm, v); return self(); }
    public E setNormalize(String v) { set(normalize, v); return self(); }
    public E setEpochs(int v) { set(epochs, v); return self(); }
    public E setBatchSize(int v) { set(batchSize, v); return self(); }
    public E setSeed(long v) { set(seed, v); return self(); }
    public E setShuffle(boolean v) { set(shuffle, v); return self(); }
    public E setWorkers(int v) { set(workers, v); return self(); }
    public E setAveragingPeriod(int v) { set(averagingPeriod, v); return self(); }
    public E setStrategy(String v) { set(strategy, v); return self(); }
    public E setCheckpointDir(String v) { set(checkpointDir, v); return self(); }
    public E setCheckpointEvery(int v) { set(checkpointEvery, v); return self(); }

    public String getFeaturesCol() { return getOrDefault(featuresCol); }
    public String getLabelCol() { return getOrDefault(labelCol); }
    public String getPredictionCol() { return getOrDefault(predictionCol); }
}
