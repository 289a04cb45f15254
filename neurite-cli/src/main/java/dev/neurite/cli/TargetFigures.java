package dev.neurite.cli;

import dev.neurite.io.Json;
import dev.neurite.metrics.Evaluation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A regression's figures per target column, printed and as JSON, when it has more than one target. */
final class TargetFigures {
    private TargetFigures() {}

    private static String name(List<String> names, int k) {
        return names != null && k < names.size() ? names.get(k) : "value" + k;
    }

    /** One line per target ({@code  target NAME: rmse …, mae …, r2 …}); nothing for a single target. */
    static void print(PrintWriter out, Evaluation ev, List<String> names) {
        if (ev.targets() < 2) {
            return;
        }
        for (int k = 0; k < ev.targets(); k++) {
            out.printf(Locale.ROOT, "  target %s: rmse %.4f, mae %.4f, r2 %.4f%n", name(names, k), ev.rmse(k), ev.mae(k), ev.r2(k));
        }
    }

    /** {@code [{"target": NAME, "rmse": …, "mae": …, "r2": …}, …]}. */
    static List<Json> json(Evaluation ev, List<String> names) {
        List<Json> out = new ArrayList<>();
        for (int k = 0; k < ev.targets(); k++) {
            out.add(new Json().put("target", name(names, k)).put("rmse", ev.rmse(k)).put("mae", ev.mae(k)).put("r2", ev.r2(k)));
        }
        return out;
    }
}
