package dev.neurite.cli;

import dev.neurite.data.Dataset;
import dev.neurite.data.Folds;
import dev.neurite.data.Split;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@code neurite tune} scores a trial: on one seeded validation split of the data (which also stops the
 * trial early), or as the mean over k seeded folds; both fixed by the base options' seed, so every trial sees
 * the same examples.
 */
final class Trials {
    private final String name;
    private final Dataset all;
    private final List<Split> folds;   // null: one split
    private final Split split;
    private final String metric;

    Trials(TrainCommand base, String name, Dataset all, Integer folds, double fraction, String metric) {
        this.name = name;
        this.all = all;
        this.metric = metric;
        if (folds != null) {
            try {
                this.folds = Folds.of(all, folds, base.seed, all.hasLabels());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--folds " + folds + ": " + name + ": " + e.getMessage() + "; use fewer folds", e);
            }
            this.split = null;
        } else {
            this.folds = null;
            this.split = TrainRun.split(base, all, fraction);
        }
    }

    /** Trial {@code i} (from 0) with the options {@code t} (parsed from {@code args}): its record for the trials file. */
    Map<String, Object> run(int i, Map<String, Object> params, TrainCommand t, List<String> args) {
        Map<String, Object> trial = new LinkedHashMap<>();
        trial.put("trial", (long) i + 1);
        trial.put("params", params);
        trial.put("options", args);
        Map<String, Double> scores;
        Object epochs;
        if (folds == null) {
            TrainRun.Result r = TrainRun.fit(t, name, split.train(), split.validation(), split.validation());
            scores = r.scores();
            epochs = (long) r.history().epochs().size();
        } else {
            List<Map<String, Double>> perFold = new ArrayList<>();
            List<Long> foldEpochs = new ArrayList<>();
            for (int f = 0; f < folds.size(); f++) {
                Split s = folds.get(f);
                Split inner = t.validationSplit == null ? null : TrainRun.split(t, s.train(), t.validationSplit);
                TrainRun.Result r = TrainRun.fit(t, name + " fold " + (f + 1), inner == null ? s.train() : inner.train(),
                        inner == null ? null : inner.validation(), s.validation());
                perFold.add(r.scores());
                foldEpochs.add((long) r.history().epochs().size());
            }
            scores = new LinkedHashMap<>();
            for (Map.Entry<String, double[]> e : CvCommand.summarize(perFold).entrySet()) {
                scores.put(e.getKey(), e.getValue()[0]);
            }
            trial.put("fold_scores", perFold);
            epochs = foldEpochs;
        }
        trial.put("score", scores.get(metric));
        trial.put("epochs", epochs);
        trial.put("scores", scores);
        return trial;
    }

    /**
     * The model of the best trial's options {@code t}: its trial's run again on the validation split (the same
     * bits), or with k folds trained on all the data (stopping early on t's --validation-split, if any).
     */
    TrainRun.Result refit(TrainCommand t) {
        if (folds == null) {
            return TrainRun.fit(t, name, split.train(), split.validation(), null);
        }
        Split inner = t.validationSplit == null ? null : TrainRun.split(t, all, t.validationSplit);
        return TrainRun.fit(t, name, inner == null ? all : inner.train(), inner == null ? null : inner.validation(), null);
    }
}
