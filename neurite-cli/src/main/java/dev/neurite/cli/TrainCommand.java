package dev.neurite.cli;

import dev.neurite.io.Json;
import dev.neurite.data.Dataset;
import dev.neurite.data.Normalization;
import dev.neurite.data.NormalizationKind;
import dev.neurite.data.Split;
import dev.neurite.data.TargetScaling;
import dev.neurite.infer.Predictor;
import dev.neurite.io.ModelFile;
import dev.neurite.io.SavedModel;
import dev.neurite.loss.Loss;
import dev.neurite.metrics.Evaluation;
import dev.neurite.model.Network;
import dev.neurite.model.OutputHead;
import dev.neurite.train.EpochStats;
import dev.neurite.train.History;
import dev.neurite.train.Trainer;
import dev.neurite.train.TrainingListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code neurite train}: trains a multilayer perceptron on MNIST or CSV data. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a multilayer perceptron and report its accuracy on the test data after every epoch.",
                "Without options: MNIST (fetched once), 784-128relu-10softmax, Adam, 10 epochs."})
final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--train", paramLabel = "FILE.csv", description = "Training data as CSV with a header row.")
    Path trainCsv;

    @Mixin
    DataOptions dataOptions = new DataOptions();

    @Mixin
    NetworkOptions net = new NetworkOptions();

    @Mixin
    DashboardOption dashboard = new DashboardOption();

    @Mixin
    PreprocessOptions preprocess = new PreprocessOptions();

    @Mixin
    ControlOptions control = new ControlOptions();

    /** The live page of this run, with --dashboard; closed when the command returns. */
    private DashboardRun board;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Passes over the training data (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64", description = "Examples per gradient step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed for weights, shuffling and dropout (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the kernels (default: the machine's cores, here ${DEFAULT-VALUE}); the result is the same for any number.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--validation-split", paramLabel = "X", description = "Hold out this fraction of the training data (stratified) for validation.")
    Double validationSplit;

    @Option(names = "--patience", paramLabel = "N", description = "Stop after N epochs without a lower validation loss (training loss without --validation-split) and keep the best weights.")
    Integer patience;

    @Option(names = "--normalize", paramLabel = "none|min-max|standard", description = "Feature scaling fitted on the training data (default: none for image data, standard for CSV).")
    String normalize;

    @Option(names = "--out", paramLabel = "MODEL", description = "Save the trained model here (safetensors layout; written atomically).")
    Path out;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Write a checkpoint (weights, optimizer and RNG state, position) here after every epoch, atomically.")
    Path checkpointDir;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "0", description = "Also checkpoint every N training steps (default: only after epochs).")
    int checkpointEvery;

    @Option(names = "--resume", paramLabel = "PATH", description = "Continue the run saved in this checkpoint (or checkpoint folder), with the same options; the result equals an uninterrupted run.")
    Path resume;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "neurite-report",
            description = "Write a report here: index.html with the curves, confusion matrices, per-class figures and misclassified images, and the history as CSV and JSON (default: ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--no-report", description = "Write no report.")
    boolean noReport;

    @Option(names = "--quiet", description = "Print only errors and the result: the line 'test accuracy A, test loss L, trained in S s'"
            + " ('training loss L after N epochs, ...' without test data), and the JSON line with --json.")
    boolean quiet;

    @Option(names = "--json", description = "End with one JSON line: test_accuracy, test_metrics (macro/weighted precision, recall, F1, log_loss, top-k, ROC AUC, average precision), test_loss, epochs, train_seconds, history.")
    boolean json;

    /** The most --threads accepted: more only add overhead, and each costs a native thread's stack. */
    static final int MAX_THREADS = 1024;

    @Override
    public Integer call() throws IOException {
        try {
            return train();
        } catch (IOException | RuntimeException e) {
            if (board != null) {
                board.end("failed", e.getMessage());
            }
            throw e;
        } finally {
            if (board != null) {
                board.close();
            }
        }
    }

    private int train() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter log = quiet ? new PrintWriter(java.io.Writer.nullWriter()) : stdout;
        TrainChecks.check(this);
        dashboard.check();
        if (!noReport) {
            Report.check(report);   // before any work: a folder holding other files is refused, never emptied
        }
        Outputs.refuseInputs("--out", out, inputs());
        Outputs.refuseUnwritable("--out", out, false);
        Outputs.refuseUnwritable("--checkpoint-dir", checkpointDir, true);
        Outputs.refuseInputs("--history", control.history, inputs());
        Outputs.refuseUnwritable("--history", control.history, false);
        dataOptions.weightColumn = control.weightColumn;
        DataOptions.Loaded data = dataOptions.forTraining(trainCsv, log, preprocess, spec.commandLine().getErr());
        Dataset train = data.train(), validation = null, test = data.test();
        if (train.inputSize() == 0) {
            throw new IllegalArgumentException(data.description() + ": no feature columns besides the label;"
                    + " a CSV file needs a header row and columns separated by commas");
        }
        if (train.kind() == Dataset.Kind.CLASSES && train.numClasses() < 2) {
            throw new IllegalArgumentException(data.description() + ": every example has the class '"
                    + (train.classNames() == null ? "0" : train.classNames().get(0)) + "'; a classifier needs examples of"
                    + " at least two classes (for a numeric target, use --regression)");
        }
        if (validationSplit != null) {
            Split split;
            try {
                split = Split.of(train, validationSplit, seed, train.hasLabels());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--validation-split " + validationSplit + ": " + e.getMessage()
                        + "; choose another fraction or use more data", e);
            }
            train = split.train();
            validation = split.validation();
        }
        TestSets.check(train, data.description(), validation, "the validation split", test,
                dataOptions.testCsv != null ? dataOptions.testCsv.toString() : "the test data of " + data.description());
        Dataset trainInUnits = train, validationInUnits = validation;     // the targets as given, for every figure
        TargetScaling scaling = TrainSetup.targetScaling(this, train);
        if (scaling != null) {                                 // trained on (t − mean)/std; folded back after training
            train = scaling.standardize(train);
            validation = validation == null ? null : scaling.standardize(validation);
        }
        NormalizationKind kind = normalize != null ? NormalizationKind.parse(normalize)
                : (data.schema() != null ? NormalizationKind.STANDARD : NormalizationKind.NONE);
        Normalization norm;
        try {
            norm = Normalization.fit(kind, train.x());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(data.description() + ": --normalize " + kind + ": " + e.getMessage(), e);
        }
        for (Dataset d : new Dataset[] {train, validation, test}) {
            if (d != null) {
                norm.applyInPlace(d.x());
            }
        }
        TestSets.checkScale(train, data.description(), kind.cliName());
        if (test != null) {
            TestSets.checkScale(test, dataOptions.testCsv != null ? dataOptions.testCsv.toString() : "the test data", kind.cliName());
        }
        TrainSetup setup = TrainSetup.of(this, train);
        Network network = setup.network();
        Loss loss = setup.loss();
        Trainer trainer = setup.trainer();
        if (resume != null && !java.nio.file.Files.exists(resume)) {
            throw new java.nio.file.NoSuchFileException(resume.toString());
        }
        log.printf(Locale.ROOT, "%s: %d training examples%s%s%n", data.description(), train.size(),
                validation == null ? "" : ", " + validation.size() + " held out for validation",
                test == null ? "" : ", " + test.size() + " test examples");
        log.printf(Locale.ROOT, "network %s%n", network);
        log.printf(Locale.ROOT, "%s, loss %s, batch %d, %d epochs, seed %d, %d thread%s, %s kernels%n", setup.optimizerText(),
                loss.cliName(), batchSize, epochs, seed, threads, threads == 1 ? "" : "s", dev.neurite.kernel.Gemm.path());
        log.flush();

        boolean regression = OutputHead.of(network, loss).isRegression();
        EpochMetrics measured = new EpochMetrics(network, loss, regression, trainInUnits, validationInUnits, test, scaling);
        int trainSize = train.size();
        boolean live = !quiet && !json && System.console() != null;
        TrainingListener progress = new TrainingListener() {
            private ProgressLine bar;

            @Override
            public void onBatch(dev.neurite.train.BatchStats b) {
                if (live) {
                    if (bar == null) {
                        bar = new ProgressLine(b.epoch(), epochs, trainSize, regression);
                    }
                    bar.step(b);
                }
            }

            @Override
            public void onEpoch(EpochStats s) {
                if (bar != null) {
                    bar.close();
                    bar = null;
                }
                Map<String, Double> figures = measured.measure(s.epoch());
                if (!quiet) {
                    log.println(dev.neurite.train.Listeners.format(s, epochs, figures));
                    log.flush();
                }
            }
        };
        TrainingListener[] listeners = {progress};
        if (dashboard.on()) {
            board = DashboardRun.start(dashboard.port, stdout, DashboardRun.info(data.description(), network, setup.optimizerText(),
                    loss, epochs, batchSize, train, validation, test, regression), network, loss, validation, test, regression);
            listeners = new TrainingListener[] {progress, board};
        }
        long start = System.nanoTime();
        History history;
        try {
            List<TrainingListener> all = new ArrayList<>(List.of(listeners));
            all.addAll(control.listeners(measured::of));
            TrainingListener[] given = all.toArray(TrainingListener[]::new);
            history = resume == null ? trainer.fit(network, train, validation, given)
                    : trainer.resume(resume, network, train, validation, given);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();                                // the checkpoint's own message, not the wrapper's
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (scaling != null) {
            scaling.foldInto(network);                         // the model predicts in the targets' own units
            train = trainInUnits;
            validation = validationInUnits;
        }
        if (board != null && board.stopped()) {
            log.printf(Locale.ROOT, "stopped from the dashboard in epoch %d%n", history.last().epoch() + 1);
        } else if (history.stoppedEarly()) {
            log.printf(Locale.ROOT, "stopped early; kept the weights of epoch %d%n", history.bestEpoch() + 1);
        }
        Predictor predictor = Predictor.of(network, Normalization.none(network.inputSize()), loss);   // the data is normalised already
        Evaluation result = test == null ? null : predictor.evaluate(test);
        dev.neurite.metrics.ClassMetrics testScores = null;
        if (result != null && regression) {
            stdout.printf(Locale.ROOT, "test rmse %.4f, mae %.4f, r2 %.4f, test loss %.4f, trained in %.1f s%n", result.rmse(),
                    result.mae(), result.r2(), result.loss(), seconds);
            TargetFigures.print(stdout, result, train.targetNames());
        } else if (result != null) {
            stdout.printf(Locale.ROOT, "test accuracy %.4f, test loss %.4f, trained in %.1f s%n", result.accuracy(), result.loss(), seconds);
            testScores = ClassScores.of(predictor, test);
            log.println("test " + ClassScores.summary(testScores));
        } else {
            stdout.printf(Locale.ROOT, "training loss %.4f after %d epochs, trained in %.1f s%n", history.last().trainLoss(),
                    history.epochs().size(), seconds);
        }
        if (!noReport) {
            writeReport(history, measured, predictor, network, loss, trainer, data.description(), train, validation, test, result, seconds);
            log.println("report written to " + report.resolve("index.html"));
        }
        if (out != null) {
            Map<String, String> meta = ModelMetadata.provenance(seed, data.description(), history.epochs().size());
            meta.put("optimizer", setup.optimizerText());
            if (result != null) {
                meta.put(regression ? "test_rmse" : "test_accuracy",
                        String.format(Locale.ROOT, "%.4f", regression ? result.rmse() : result.accuracy()));
            }
            ModelMetadata.data(meta, regression, train, data.schema(), scaling, control.weightColumn);
            ModelFile.save(new SavedModel(network, loss, norm, train.classNames(), meta), out);
            log.println("model saved to " + out);
        }
        if (board != null) {
            board.end(board.stopped() ? "stopped" : "finished", (board.stopped() ? "stopped from the dashboard" : "finished")
                    + (out != null ? "; model saved to " + out : ""));
        }
        if (json) {
            stdout.println(summaryJson(history, measured, network, regression, result, testScores, train.targetNames(), seconds));
        }
        stdout.flush();
        return 0;
    }

    /** The --json line: the test figures, the run's size and length, and every epoch's figures. */
    private Json summaryJson(History history, EpochMetrics measured, Network network, boolean regression, Evaluation result,
                             dev.neurite.metrics.ClassMetrics testScores, List<String> targetNames, double seconds) {
        List<Json> epochsJson = new ArrayList<>();
        for (EpochStats s : history.epochs()) {
            Json e = new Json().put("epoch", s.epoch() + 1).put("loss", s.trainLoss());
            if (regression) {
                e.put("val_loss", s.validationLoss());
                measured.of(s.epoch()).forEach(e::put);
            } else {
                e.put("accuracy", s.trainAccuracy()).put("val_loss", s.validationLoss())
                        .put("val_accuracy", s.validationAccuracy()).put("test_accuracy", measured.of(s.epoch()).get("test_acc"));
            }
            epochsJson.add(e.put("lr", s.learningRate()).put("seconds", s.seconds()));
        }
        Json summary = new Json();
        if (regression) {
            summary.put("test_rmse", result == null ? null : result.rmse()).put("test_mae", result == null ? null : result.mae())
                    .put("test_r2", result == null ? null : result.r2());
            if (result != null && result.targets() > 1) {
                summary.put("test_targets", TargetFigures.json(result, targetNames));
            }
        } else {
            summary.put("test_accuracy", result == null ? null : result.accuracy())
                    .put("test_metrics", testScores == null ? null : testScores.all());
        }
        return summary
                .put("test_loss", result == null ? null : result.loss()).put("epochs", history.epochs().size())
                .put("train_seconds", seconds).put("stopped_early", history.stoppedEarly())
                .put("architecture", network.architecture().toSpec()).put("parameters", network.parameterCount())
                .put("model", out == null ? null : out.toString()).put("history", epochsJson);
    }

    private void writeReport(History history, EpochMetrics measured, Predictor predictor, Network network, Loss loss, Trainer trainer,
                             String dataName, Dataset train, Dataset validation, Dataset test, Evaluation result, double seconds)
            throws IOException {
        TrainReport.write(this, history, measured, predictor, network, loss, trainer, dataName, train, validation, test, result, seconds);
    }

    private Map<String, Path> inputs() {
        Map<String, Path> in = new LinkedHashMap<>();
        in.put("--train", trainCsv);
        in.put("--test", dataOptions.testCsv);
        in.put("--resume", resume);
        return in;
    }
}
