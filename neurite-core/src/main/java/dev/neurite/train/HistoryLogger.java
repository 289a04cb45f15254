package dev.neurite.train;

import dev.neurite.io.AtomicFile;
import dev.neurite.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Keras' {@code CSVLogger}, as a listener: after every epoch the run's whole history (a resumed run's earlier
 * epochs included, from {@link TrainingControl#history()}) replaces {@code file} atomically, so the file is
 * always a complete history of the epochs finished so far, never half a line.
 *
 * <p>Columns: {@code epoch} (from 1), {@code loss}, {@code accuracy}, {@code val_loss}, {@code val_accuracy},
 * {@code lr}, {@code seconds}, then the extra figures the caller measures per epoch (such as {@code test_acc});
 * a column that has no value in any epoch (accuracy of a regression, validation without a split) is left out,
 * a missing value in one epoch is an empty CSV cell or a JSON {@code null}. Numbers are written in full
 * precision ({@link Double#toString}). CSV: a header row, then a row per epoch. JSON: an array of objects, one per
 * epoch, keys in column order.
 */
final class HistoryLogger implements TrainingListener {
    private final Path file;
    private final boolean json;
    private final Function<EpochStats, Map<String, Double>> extra;
    private final Map<Integer, Map<String, Double>> extras = new LinkedHashMap<>();

    private HistoryLogger(Path file, boolean json, Function<EpochStats, Map<String, Double>> extra) {
        this.file = file;
        this.json = json;
        this.extra = extra;
    }

    static HistoryLogger of(Path file, Function<EpochStats, Map<String, Double>> extra) {
        String name = Objects.requireNonNull(file, "file").getFileName() == null ? "" : file.getFileName().toString();
        boolean json = name.endsWith(".json");
        if (!json && !name.endsWith(".csv")) {
            throw new IllegalArgumentException("the history file " + file + " must end in .csv or .json (its format)");
        }
        return new HistoryLogger(file, json, Objects.requireNonNull(extra, "extra"));
    }

    @Override
    public void onEpoch(EpochStats stats, TrainingControl control) {
        extras.put(stats.epoch(), Map.copyOf(extra.apply(stats)));
        List<Map<String, Double>> rows = new ArrayList<>();
        for (EpochStats s : append(control.history(), stats)) {      // the state adds this epoch after the listeners
            rows.add(row(s));
        }
        Set<String> columns = new LinkedHashSet<>();
        for (Map<String, Double> r : rows) {
            r.forEach((k, v) -> {
                if (!Double.isNaN(v)) {
                    columns.add(k);
                }
            });
        }
        List<String> ordered = new ArrayList<>();
        for (Map<String, Double> r : rows) {
            for (String k : r.keySet()) {
                if (columns.contains(k) && !ordered.contains(k)) {
                    ordered.add(k);
                }
            }
        }
        try {
            AtomicFile.writeText(file, out -> out.write(json ? json(rows, ordered) : csv(rows, ordered)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the history to " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<EpochStats> append(List<EpochStats> history, EpochStats now) {
        List<EpochStats> all = new ArrayList<>(history);
        all.add(now);
        return all;
    }

    private Map<String, Double> row(EpochStats s) {
        Map<String, Double> r = new LinkedHashMap<>();
        r.put("epoch", (double) (s.epoch() + 1));
        r.put("loss", s.trainLoss());
        r.put("accuracy", s.trainAccuracy());
        r.put("val_loss", s.validationLoss());
        r.put("val_accuracy", s.validationAccuracy());
        r.put("lr", s.learningRate());
        r.put("seconds", s.seconds());
        extras.getOrDefault(s.epoch(), Map.of()).forEach(r::put);
        return r;
    }

    private static String csv(List<Map<String, Double>> rows, List<String> columns) {
        StringBuilder sb = new StringBuilder(String.join(",", columns)).append('\n');
        for (Map<String, Double> r : rows) {
            for (int c = 0; c < columns.size(); c++) {
                Double v = r.get(columns.get(c));
                sb.append(c == 0 ? "" : ",").append(v == null || v.isNaN() ? "" : format(columns.get(c), v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String json(List<Map<String, Double>> rows, List<String> columns) {
        List<Object> out = new ArrayList<>();
        for (Map<String, Double> r : rows) {
            Map<String, Object> o = new LinkedHashMap<>();
            for (String c : columns) {
                Double v = r.get(c);
                o.put(c, v == null || v.isNaN() || v.isInfinite() ? null : c.equals("epoch") ? (Object) v.intValue() : v);
            }
            out.add(o);
        }
        return Json.write(out) + "\n";
    }

    private static String format(String column, double v) {
        return column.equals("epoch") ? Integer.toString((int) v) : Double.toString(v);
    }
}
