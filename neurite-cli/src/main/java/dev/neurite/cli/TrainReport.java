package dev.neurite.cli;

import dev.neurite.data.Dataset;
import dev.neurite.infer.Predictor;
import dev.neurite.loss.Loss;
import dev.neurite.metrics.Evaluation;
import dev.neurite.model.Network;
import dev.neurite.train.EpochStats;
import dev.neurite.train.History;
import dev.neurite.train.Trainer;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * The report of a {@code train} run. Its headline figures are those of the weights the model holds at the end:
 * with {@code --patience}, the kept (best) epoch's, which every curve marks; without, the last epoch's. The
 * data set behind the confusion matrix, the per-class table and the images is named: test data when there is
 * some, else the validation split, else the training data. A regression shows RMSE, MAE and R², never an
 * accuracy ({@link RegressionFigures}); images are drawn only for image data (IDX), never for CSV columns.
 */
final class TrainReport {
    private final TrainCommand cmd;
    private final History history;
    private final EpochMetrics measured;
    private final Report r;
    private final EpochStats kept;
    private final boolean restored;
    private final String marker;
    private String commandLine, finished;

    private TrainReport(TrainCommand cmd, History history, EpochMetrics measured, Report r) {
        this.cmd = cmd;
        this.history = history;
        this.measured = measured;
        this.r = r;
        this.restored = cmd.patience != null;
        int keptEpoch = restored ? history.bestEpoch() : history.last().epoch();
        this.kept = history.epochs().stream().filter(s -> s.epoch() == keptEpoch).findFirst().orElse(history.last());
        this.marker = (restored ? "kept: epoch " : "best: epoch ") + (history.bestEpoch() + 1);
    }

    static void write(TrainCommand cmd, History history, EpochMetrics measured, Predictor predictor, Network network, Loss loss,
                      Trainer trainer, String dataName, Dataset train, Dataset validation, Dataset test, Evaluation result,
                      double seconds) throws IOException {
        Report r = Report.into(cmd.report);
        try {
            TrainReport t = new TrainReport(cmd, history, measured, r);
            t.header(dataName, train, validation, test, seconds);
            Dataset shown = test != null ? test : validation != null ? validation : train;
            String setName = test != null ? "test" : validation != null ? "validation" : "training";
            Evaluation ev = shown == test && result != null ? result : predictor.evaluate(shown);
            t.cards(ev, setName, shown.size(), seconds, validation != null);
            t.curves();
            if (measured.regression()) {
                new RegressionFigures(r).add(predictor, shown, setName, ev, train.targetNames());
            } else {
                List<String> names = train.classNames() != null ? train.classNames()
                        : IntStream.range(0, train.numClasses()).mapToObj(Integer::toString).toList();
                ClassFigures.add(r, predictor, shown, setName, ev, names, cmd.trainCsv == null);
            }
            t.historySection(dataName);
            r.finish("Neurite training report", t.configuration(network, loss, trainer, dataName, train), Map.of());
        } catch (IOException | RuntimeException e) {
            r.abandon();
            throw e;
        }
    }

    private void header(String dataName, Dataset train, Dataset validation, Dataset test, double seconds) {
        List<String> args = cmd.spec.commandLine().getParseResult().originalArgs();
        commandLine = Describe.commandLine(!args.isEmpty() && args.get(0).equals("train") ? args
                : java.util.stream.Stream.concat(java.util.stream.Stream.of("train"), args.stream()).toList());
        finished = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
                .format(Instant.now().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
        r.runInfo("command", commandLine).runInfo("finished", finished);
        r.runInfo("data", dataName + ": " + train.size() + " training examples"
                + (validation == null ? "" : ", " + validation.size() + " held out for validation")
                + (test == null ? ", no test data" : ", " + test.size() + " test examples"));
        int n = history.epochs().size();
        r.runInfo("training", n + " epoch" + (n == 1 ? "" : "s") + " in " + String.format(Locale.ROOT, "%.1f s", seconds)
                + (history.stoppedEarly() ? ", stopped early" : "")
                + (restored ? "; the model holds the weights of epoch " + (kept.epoch() + 1) + " (the lowest "
                + monitored() + ")" : ""));
    }

    private String monitored() {
        return Double.isNaN(history.last().validationLoss()) ? "training loss" : "validation loss";
    }

    private void cards(Evaluation ev, String setName, int size, double seconds, boolean hasValidation) {
        String at = "epoch " + (kept.epoch() + 1) + (restored ? ", kept" : "");
        if (ev.isRegression()) {
            String note = setName + ", " + size + " examples";
            r.card(setName + " RMSE", Html.f4(ev.rmse()), note).card(setName + " MAE", Html.f4(ev.mae()), note)
                    .card(setName + " R\u00b2", Html.f4(ev.r2()), note);
        } else {
            long[][] c = ev.confusion();
            long right = 0;
            for (int i = 0; i < c.length; i++) {
                right += c[i][i];
            }
            r.card(setName + " accuracy", Html.percent(ev.accuracy(), 2), (ev.count() - right) + " of " + ev.count() + " wrong");
            r.card(setName + " loss", Html.f4(ev.loss()), loss());
            if (hasValidation && !setName.equals("validation") && !Double.isNaN(kept.validationAccuracy())) {
                r.card("validation accuracy", Html.percent(kept.validationAccuracy(), 2), at);
            }
        }
        r.card("training loss", Html.f4(kept.trainLoss()), at);
        int n = history.epochs().size();
        r.card("epochs", restored ? (kept.epoch() + 1) + " of " + n : Integer.toString(n),
                history.stoppedEarly() ? "stopped early: " + cmd.patience + " without a lower " + monitored()
                        : restored ? "kept the lowest " + monitored() : null);
        r.card("training time", String.format(Locale.ROOT, "%.1f s", seconds), null);
    }

    private String loss() {
        return measured.regression() ? "mean over the examples" : "cross-entropy, mean over the examples";
    }

    private double[] of(ToDoubleFunction<EpochStats> f) {
        return history.epochs().stream().mapToDouble(f).toArray();
    }

    private boolean any(double[] v) {
        return java.util.Arrays.stream(v).anyMatch(Double::isFinite);
    }

    private SvgChart chart(String title, String yLabel) {
        return new SvgChart(title, "epoch", yLabel).integerX().marker(history.bestEpoch() + 1, marker);
    }

    private void curves() throws IOException {
        double[] x = of(s -> s.epoch() + 1);
        SvgChart loss = chart("Loss per epoch", "loss").add(new SvgChart.Series("training", Report.TRAINING, x, of(EpochStats::trainLoss), false));
        double[] val = of(EpochStats::validationLoss), test = of(s -> measured.loss("test", s.epoch()));
        if (any(val)) {
            loss.add(new SvgChart.Series("validation", Report.VALIDATION, x, val, false));
        }
        if (any(test)) {
            loss.add(new SvgChart.Series("test", Report.TEST, x, test, false));
        }
        String others = any(val) && any(test) ? "validation and test loss are" : any(val) ? "validation loss is" : any(test) ? "test loss is" : null;
        r.chart("loss", "Loss", "Training loss is the mean over each epoch's batches as they were trained (dropout on, weights moving)"
                + (others == null ? "." : "; " + others + " measured after the epoch in inference mode.") + " The dashed line marks "
                + (restored ? "the epoch whose weights the model keeps." : "the epoch with the lowest " + monitored() + "."), loss);
        if (!measured.regression()) {
            Map<Integer, Double> testAcc = measured.testAccuracy();
            SvgChart acc = chart("Accuracy per epoch", "accuracy")
                    .add(new SvgChart.Series("training", Report.TRAINING, x, of(EpochStats::trainAccuracy), false));
            double[] va = of(EpochStats::validationAccuracy), ta = of(s -> testAcc.getOrDefault(s.epoch(), Double.NaN));
            if (any(va)) {
                acc.add(new SvgChart.Series("validation", Report.VALIDATION, x, va, false));
            }
            if (any(ta)) {
                acc.add(new SvgChart.Series("test", Report.TEST, x, ta, false));
            }
            r.chart("accuracy", "Accuracy", "The fraction classified correctly.", acc);
        } else {
            List<Integer> epochs = history.epochs().stream().map(EpochStats::epoch).toList();
            for (String[] m : new String[][] {{"rmse", "RMSE per epoch", "RMSE", "Root-mean-square error"},
                    {"r2", "R\u00b2 per epoch", "R\u00b2", "Coefficient of determination R\u00b2 (1 is perfect, 0 is predicting the mean)"}}) {
                SvgChart c = chart(m[1], m[2]);
                measured.series(m[0], epochs).forEach((name, v) -> c.add(new SvgChart.Series(name,
                        name.equals("validation") ? Report.VALIDATION : name.equals("test") ? Report.TEST : Report.TRAINING, x, v, false)));
                r.chart(m[0], m[3], null, c);
            }
        }
        r.chart("learning-rate", "Learning rate", "The rate each epoch's steps used (the schedule: "
                + Describe.schedule(cmd.net.schedule(cmd.epochs)) + ").",
                chart("Learning rate per epoch", "learning rate").add(new SvgChart.Series("learning rate", Report.RATE, x, of(EpochStats::learningRate), false)));
    }

    private void historySection(String dataName) {
        List<EpochStats> h = history.epochs();
        int[] epochs = h.stream().mapToInt(s -> s.epoch() + 1).toArray();
        HistoryFiles files = new HistoryFiles(epochs).column("train_loss", of(EpochStats::trainLoss));
        if (!measured.regression()) {
            files.column("train_accuracy", of(EpochStats::trainAccuracy));
        }
        files.column("val_loss", of(EpochStats::validationLoss));
        if (!measured.regression()) {
            files.column("val_accuracy", of(EpochStats::validationAccuracy));
        }
        files.column("test_loss", of(s -> measured.loss("test", s.epoch())));
        if (measured.regression()) {
            for (String set : List.of("train", "val", "test")) {
                for (String m : List.of("rmse", "mae", "r2")) {
                    files.column(set + "_" + m, of(s -> measured.of(s.epoch()).getOrDefault(set + "_" + m, Double.NaN)));
                }
            }
        } else {
            files.column("test_accuracy", of(s -> measured.of(s.epoch()).getOrDefault("test_acc", Double.NaN)));
        }
        files.column("lr", of(EpochStats::learningRate)).column("seconds", of(EpochStats::seconds));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("command", commandLine);
        facts.put("finished", finished);
        facts.put("data", dataName);
        facts.put("epochs_run", h.size());
        facts.put("best_epoch", history.bestEpoch() + 1);
        facts.put("kept_epoch", kept.epoch() + 1);
        facts.put("restored_best", restored);
        facts.put("stopped_early", history.stoppedEarly());
        facts.put("monitored", monitored());
        r.file("history.csv", files.csv()).file("history.json", files.json(facts));
        r.section("history", "History", "Each epoch's figures; the highlighted row is "
                + (restored ? "the epoch whose weights the model keeps." : "the epoch with the lowest " + monitored() + ".")
                + " The same as CSV and JSON:", Report.links("history.csv", "history.json") + HistoryTable.html(files.csv(), history.bestEpoch() + 1));
    }

    private Map<String, String> configuration(Network network, Loss loss, Trainer trainer, String dataName, Dataset train) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("data", dataName + " (" + train.size() + " training examples, " + train.inputSize() + " features)");
        c.put("architecture", network.architecture().toSpec());
        c.put("layers", Describe.layers(network));
        c.put("parameters", String.format(Locale.ROOT, "%,d", network.parameterCount()));
        c.put("loss", loss.cliName());
        c.put("optimizer", Describe.optimizer(trainer.optimizer()));
        c.put("learning-rate schedule", Describe.schedule(cmd.net.schedule(cmd.epochs)));
        c.put("regularization", Describe.regularization(trainer.regularization()));
        c.put("batch size", Integer.toString(cmd.batchSize));
        c.put("epochs", cmd.epochs + (cmd.patience != null ? ", early stopping with patience " + cmd.patience : ""));
        if (cmd.validationSplit != null) {
            c.put("validation split", Describe.g(cmd.validationSplit));
        }
        c.put("seed", Long.toString(cmd.seed));
        c.put("threads, kernels", cmd.threads + ", " + dev.neurite.kernel.Gemm.path());
        c.put("neurite", Main.version());
        return c;
    }
}
