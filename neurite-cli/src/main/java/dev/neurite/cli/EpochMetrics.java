package dev.neurite.cli;

import dev.neurite.data.Dataset;
import dev.neurite.data.TargetScaling;
import dev.neurite.loss.Loss;
import dev.neurite.metrics.Evaluation;
import dev.neurite.model.Network;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code train} measures after each epoch beyond the trainer's own figures, in inference mode: a
 * classifier's test accuracy and loss; a regression's RMSE, MAE and R² on the validation and the test data (on the
 * training data when there is neither). A regression shows no accuracy anywhere.
 */
final class EpochMetrics {
    private static final List<String> REGRESSION = List.of("rmse", "mae", "r2");

    private final Network network;
    private final TargetScaling scaling;
    private final Loss loss;
    private final boolean regression;
    private final Map<String, Dataset> sets = new LinkedHashMap<>();
    private final Map<Integer, Map<String, Double>> byEpoch = new HashMap<>();
    private final Map<Integer, Map<String, Double>> losses = new HashMap<>();

    EpochMetrics(Network network, Loss loss, boolean regression, Dataset train, Dataset validation, Dataset test) {
        this(network, loss, regression, train, validation, test, null);
    }

    /**
     * With {@code scaling} (a regression trained on standardised targets, null for none), each measurement
     * runs on a copy of the network with the scaling folded in, against the sets' targets in their own units.
     */
    EpochMetrics(Network network, Loss loss, boolean regression, Dataset train, Dataset validation, Dataset test,
                 TargetScaling scaling) {
        this.scaling = scaling;
        this.network = network;
        this.loss = loss;
        this.regression = regression;
        if (regression) {
            if (validation != null) {
                sets.put("val", validation);
            }
            if (test != null) {
                sets.put("test", test);
            }
            if (sets.isEmpty()) {
                sets.put("train", train);
            }
        } else if (test != null) {
            sets.put("test", test);
        }
    }

    boolean regression() { return regression; }

    /** Measures the network after {@code epoch}; the figures by name ({@code test_acc}, {@code val_rmse}, …). */
    Map<String, Double> measure(int epoch) {
        Map<String, Double> figures = new LinkedHashMap<>(), lossBySet = new HashMap<>();
        Network measured = network;
        if (scaling != null) {
            measured = network.architecture().build(0);
            measured.restore(network.snapshot());
            scaling.foldInto(measured);
        }
        for (Map.Entry<String, Dataset> e : sets.entrySet()) {
            Evaluation ev = Evaluation.of(measured, e.getValue(), loss);
            lossBySet.put(e.getKey(), ev.loss());
            if (regression) {
                figures.put(e.getKey() + "_rmse", ev.rmse());
                figures.put(e.getKey() + "_mae", ev.mae());
                figures.put(e.getKey() + "_r2", ev.r2());
            } else {
                figures.put(e.getKey() + "_acc", ev.accuracy());
            }
        }
        if (!regression && figures.isEmpty()) {
            figures.put("test_acc", Double.NaN);
        }
        byEpoch.put(epoch, figures);
        losses.put(epoch, lossBySet);
        return figures;
    }

    /** The figures of {@code epoch}, empty when it was not measured (a resumed run's earlier epochs). */
    Map<String, Double> of(int epoch) {
        return byEpoch.getOrDefault(epoch, Map.of());
    }

    /** The loss on {@code set} ("test", "val" or "train") measured after {@code epoch}, or NaN when it was not. */
    double loss(String set, int epoch) {
        return losses.getOrDefault(epoch, Map.of()).getOrDefault(set, Double.NaN);
    }

    /** Whether {@code set} ("test", "val" or "train") is measured after each epoch. */
    boolean measures(String set) {
        return sets.containsKey(set);
    }

    /** A classifier's test accuracy per epoch (empty without test data or for a regression). */
    Map<Integer, Double> testAccuracy() {
        Map<Integer, Double> acc = new HashMap<>();
        if (!regression && sets.containsKey("test")) {
            byEpoch.forEach((epoch, f) -> acc.put(epoch, f.get("test_acc")));
        }
        return acc;
    }

    /** For a regression chart: one series per measured set of {@code metric} ("rmse", "mae" or "r2") over {@code epochs}. */
    Map<String, double[]> series(String metric, List<Integer> epochs) {
        if (!REGRESSION.contains(metric)) {
            throw new IllegalArgumentException("metric must be one of " + REGRESSION + ", was " + metric);
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String set : sets.keySet()) {
            String name = switch (set) {
                case "val" -> "validation";
                case "test" -> "test";
                default -> "training";
            };
            out.put(name, epochs.stream().mapToDouble(e -> of(e).getOrDefault(set + "_" + metric, Double.NaN)).toArray());
        }
        return out;
    }
}
