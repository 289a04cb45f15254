package dev.neurite.cli;

import dev.neurite.io.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's history as {@code history.csv} (a header row, one row per epoch, an empty cell for a figure not
 * measured, doubles as Java prints them: the shortest text that reads back to the same value) and
 * {@code history.json} (the run's facts, then one object per epoch, null for a figure not measured).
 */
final class HistoryFiles {
    private final Map<String, double[]> columns = new LinkedHashMap<>();
    private final int rows;

    /** {@code epochs}: the epoch numbers as people count them, from 1; each column has a value per epoch. */
    HistoryFiles(int[] epochs) {
        rows = epochs.length;
        double[] e = new double[rows];
        for (int i = 0; i < rows; i++) {
            e[i] = epochs[i];
        }
        columns.put("epoch", e);
    }

    /** Adds a column; one whose values are all NaN (not measured in this run) is left out. */
    HistoryFiles column(String name, double[] values) {
        if (values.length != rows) {
            throw new IllegalArgumentException("column " + name + " has " + values.length + " values for " + rows + " epochs");
        }
        for (double v : values) {
            if (!Double.isNaN(v)) {
                columns.put(name, values);
                break;
            }
        }
        return this;
    }

    byte[] csv() {
        StringBuilder s = new StringBuilder(String.join(",", columns.keySet())).append('\n');
        for (int r = 0; r < rows; r++) {
            boolean first = true;
            for (Map.Entry<String, double[]> c : columns.entrySet()) {
                s.append(first ? "" : ",");
                first = false;
                double v = c.getValue()[r];
                s.append(c.getKey().equals("epoch") ? Long.toString((long) v) : Double.isNaN(v) ? "" : Double.toString(v));
            }
            s.append('\n');
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON document: {@code facts} first (command, time, kept epoch …), then {@code "epochs": [...]}. */
    byte[] json(Map<String, Object> facts) {
        List<Json> epochs = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            Json e = new Json();
            for (Map.Entry<String, double[]> c : columns.entrySet()) {
                double v = c.getValue()[r];
                e.put(c.getKey(), c.getKey().equals("epoch") ? (Object) (long) v : (Object) v);
            }
            epochs.add(e);
        }
        Json doc = new Json();
        facts.forEach(doc::put);
        doc.put("epochs", epochs);
        return (doc + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
