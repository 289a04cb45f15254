package dev.neurite.cli;

import dev.neurite.io.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The trials of a search ranked by their score: best first, ties to the earlier trial, undefined scores last. */
final class Leaderboard {
    private final boolean lowerIsBetter;
    private final List<Map<String, Object>> trials = new ArrayList<>();

    Leaderboard(boolean lowerIsBetter) {
        this.lowerIsBetter = lowerIsBetter;
    }

    void add(Map<String, Object> trial) {
        trials.add(trial);
    }

    /** A trial record's score, NaN when undefined (null in the file). */
    static double score(Map<String, Object> trial) {
        return trial.get("score") instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private List<Map<String, Object>> ranked() {
        Comparator<Map<String, Object>> byScore = (a, b) -> {
            double x = score(a), y = score(b);
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
            }
            return lowerIsBetter ? Double.compare(x, y) : Double.compare(y, x);
        };
        List<Map<String, Object>> sorted = new ArrayList<>(trials);
        sorted.sort(byScore.thenComparingLong(t -> ((Number) t.get("trial")).longValue()));
        return sorted;
    }

    /** The best trial's number, score, parameters and options, or null while no trial has a score. */
    Map<String, Object> best() {
        List<Map<String, Object>> r = ranked();
        if (r.isEmpty() || Double.isNaN(score(r.get(0)))) {
            return null;
        }
        Map<String, Object> t = r.get(0);
        Map<String, Object> b = new java.util.LinkedHashMap<>();
        for (String key : new String[] {"trial", "score", "params", "options"}) {
            b.put(key, t.get(key));
        }
        return b;
    }

    /** The first {@code top} places: rank, trial, score, epochs, parameters. */
    void print(PrintWriter out, String metric, int top) {
        List<Map<String, Object>> r = ranked();
        out.printf(Locale.ROOT, "leaderboard (%s, %s is better)%n", metric, lowerIsBetter ? "lower" : "higher");
        out.printf(Locale.ROOT, "%4s  %5s  %10s  %8s  %s%n", "rank", "trial", metric.length() > 10 ? metric.substring(0, 10) : metric,
                "epochs", "parameters");
        for (int i = 0; i < Math.min(top, r.size()); i++) {
            Map<String, Object> t = r.get(i);
            out.printf(Locale.ROOT, "%4d  %5s  %10s  %8s  %s%n", i + 1, t.get("trial"), ClassScores.f4(score(t)),
                    Json.write(t.get("epochs")), Json.write(t.get("params")));
        }
    }
}
