package dev.neurite.cli;

import dev.neurite.data.Dataset;
import dev.neurite.loss.Loss;
import dev.neurite.metrics.Evaluation;
import dev.neurite.model.Network;
import dev.neurite.serve.TrainingDashboard;
import dev.neurite.train.BatchStats;
import dev.neurite.train.EpochStats;
import dev.neurite.train.TrainingListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard of one {@code neurite train} run: passes batches on, measures the test data (the validation
 * data without one) after each epoch for its loss, accuracy and confusion matrix, and tells the page how the
 * run ended. Only built with {@code --dashboard}: a run without it measures nothing more.
 */
final class DashboardRun implements TrainingListener, AutoCloseable {
    private final TrainingDashboard board;
    private final Network network;
    private final Loss loss;
    private final Dataset shown;
    private final String shownName;
    private final boolean regression;

    private DashboardRun(TrainingDashboard board, Network network, Loss loss, Dataset validation, Dataset test, boolean regression) {
        this.board = board;
        this.network = network;
        this.loss = loss;
        this.shown = test != null ? test : validation;
        this.shownName = test != null ? "test" : "validation";
        this.regression = regression;
    }

    static DashboardRun start(int port, PrintWriter log, Map<String, Object> info, Network network, Loss loss,
                              Dataset validation, Dataset test, boolean regression) throws IOException {
        TrainingDashboard board = TrainingDashboard.start("127.0.0.1", port, info);
        log.println("dashboard: " + board.url());
        log.flush();
        return new DashboardRun(board, network, loss, validation, test, regression);
    }

    /** What the page shows of the run before its first batch. */
    static Map<String, Object> info(String data, Network network, String optimizer, Loss loss, int epochs, int batchSize,
                                    Dataset train, Dataset validation, Dataset test, boolean regression) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", data);
        m.put("architecture", network.architecture().toSpec());
        m.put("parameters", network.parameterCount());
        m.put("optimizer", optimizer);
        m.put("loss", loss.cliName());
        m.put("epochs", epochs);
        m.put("batch_size", batchSize);
        m.put("batches_per_epoch", (train.size() + batchSize - 1) / batchSize);
        m.put("train_size", train.size());
        m.put("validation_size", validation == null ? 0 : validation.size());
        m.put("test_size", test == null ? 0 : test.size());
        m.put("regression", regression);
        if (!regression && train.kind() == Dataset.Kind.CLASSES) {
            List<String> names = train.classNames() != null ? train.classNames()
                    : java.util.stream.IntStream.range(0, train.numClasses()).mapToObj(Integer::toString).toList();
            m.put("classes", names);
        }
        m.put("started", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        return m;
    }

    @Override
    public void onBatch(BatchStats stats) {
        board.onBatch(stats);
    }

    @Override
    public void onEpoch(EpochStats stats) {
        Map<String, Object> measured = new LinkedHashMap<>();
        if (shown != null && shown.hasLabels()) {
            Evaluation ev = Evaluation.of(network, shown, loss);
            boolean test = shownName.equals("test");    // validation figures are in the epoch's stats already
            if (test) {
                measured.put("test_loss", ev.loss());
            }
            if (!regression && !ev.isRegression()) {
                if (test) {
                    measured.put("test_acc", ev.accuracy());
                }
                List<long[]> rows = new ArrayList<>(Arrays.asList(ev.confusion()));
                measured.put("confusion", rows);
                measured.put("confusion_of", shownName);
            }
        }
        board.epoch(stats, measured);
    }

    @Override
    public boolean stopRequested() {
        return board.stopRequested();
    }

    /** Whether a page asked the run to stop. */
    boolean stopped() {
        return board.stopRequested();
    }

    void end(String how, String message) {
        board.end(how, message);
    }

    @Override
    public void close() {
        board.close();
    }
}
