package dev.neurite.train;

import java.io.PrintStream;
import java.util.Locale;

/** Ready-made listeners. */
public final class Listeners {
    private Listeners() {}

    /** One line per epoch on standard output. */
    public static TrainingListener progress() {
        return progress(System.out);
    }

    /** One line per epoch: epoch, train loss and accuracy, validation loss and accuracy, rate, seconds. */
    public static TrainingListener progress(PrintStream out) {
        return new TrainingListener() {
            @Override
            public void onEpoch(EpochStats s) {
                out.println(format(s));
            }
        };
    }

    /** The line {@link #progress()} prints for an epoch. */
    public static String format(EpochStats s) {
        return format(s, 0, Double.NaN);
    }

    /**
     * One epoch as a line: {@code epoch 3/10  loss …  train_acc …  val_loss …  val_acc …  test_acc …  lr …  s}.
     *
     * @param epochs       the run's epoch count, shown as "/epochs" when positive
     * @param testAccuracy accuracy on test data measured after the epoch, or NaN to leave it out
     */
    public static String format(EpochStats s, int epochs, double testAccuracy) {
        return format(s, epochs, java.util.Map.of("test_acc", testAccuracy));
    }

    /**
     * One epoch as a line, with {@code extra} figures measured after it (such as {@code test_rmse}) shown in
     * their map's order after the trainer's own; NaN values are left out.
     */
    public static String format(EpochStats s, int epochs, java.util.Map<String, Double> extra) {
        String counter = epochs > 0
                ? String.format(Locale.ROOT, "%" + Integer.toString(epochs).length() + "d/%d", s.epoch() + 1, epochs)
                : Integer.toString(s.epoch() + 1);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %s  loss %.4f", counter, s.trainLoss()));
        optional(sb, "train_acc", s.trainAccuracy());
        optional(sb, "val_loss", s.validationLoss());
        optional(sb, "val_acc", s.validationAccuracy());
        for (java.util.Map.Entry<String, Double> e : extra.entrySet()) {
            optional(sb, e.getKey(), e.getValue());
        }
        return sb.append(String.format(Locale.ROOT, "  lr %.3g  %.2fs", s.learningRate(), s.seconds())).toString();
    }

    private static void optional(StringBuilder sb, String name, double value) {
        if (!Double.isNaN(value)) {
            sb.append(String.format(Locale.ROOT, "  %s %.4f", name, value));
        }
    }

    /**
     * Writes the run's history to {@code file} after every epoch, replacing it atomically: CSV for a name ending
     * in {@code .csv}, JSON for {@code .json} ({@link HistoryLogger}).
     *
     * @throws IllegalArgumentException if the name ends in neither
     */
    public static TrainingListener history(java.nio.file.Path file) {
        return HistoryLogger.of(file, s -> java.util.Map.of());
    }

    /**
     * As {@link #history(java.nio.file.Path)}, with the figures {@code extra} measures after each epoch (in its
     * map's order; NaN for none) as further columns.
     */
    public static TrainingListener history(java.nio.file.Path file,
                                           java.util.function.Function<EpochStats, java.util.Map<String, Double>> extra) {
        return HistoryLogger.of(file, extra);
    }

    /** Tells every listener about a batch; true when one asks to stop. */
    static boolean batch(TrainingListener[] listeners, BatchStats stats, TrainingControl control) {
        boolean stop = false;
        for (TrainingListener l : listeners) {
            l.onBatch(stats, control);
            stop |= l.stopRequested();
        }
        return stop | control.stopRequested();
    }

    /** Tells every listener about an epoch; true when one asks to stop. */
    static boolean epoch(TrainingListener[] listeners, EpochStats stats, TrainingControl control) {
        boolean stop = false;
        for (TrainingListener l : listeners) {
            l.onEpoch(stats, control);
            stop |= l.stopRequested();
        }
        return stop | control.stopRequested();
    }
}
