package dev.neurite.cli;

import dev.neurite.data.Dataset;
import dev.neurite.infer.Predictor;
import dev.neurite.metrics.Evaluation;
import dev.neurite.tensor.Matrix;
import java.awt.Color;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * A regression's part of the report: predicted against actual values (the dashed diagonal is a perfect model)
 * and the residuals {@code y − ŷ} against the prediction (a good model scatters evenly around 0), one colour
 * per target (at most {@link #TARGETS}), at most {@link #POINTS} points per target (every k-th example).
 */
final class RegressionFigures {
    static final int POINTS = 2000, TARGETS = 6;
    private static final Color[] COLOURS = {Report.TRAINING, Report.VALIDATION, Report.TEST, Report.RATE, new Color(0x56, 0xb4, 0xe9),
            new Color(0xe6, 0x9f, 0x00)};

    private final Report r;

    RegressionFigures(Report r) {
        this.r = r;
    }

    void add(Predictor predictor, Dataset shown, String setName, Evaluation ev, List<String> targetNames) throws IOException {
        Matrix predicted = predictor.predict(shown.x()), actual = shown.y();
        int n = shown.size(), k = Math.min(TARGETS, actual.cols()), stride = (n + POINTS - 1) / POINTS, m = (n + stride - 1) / stride;
        SvgChart scatter = new SvgChart("Predicted against actual (" + setName + ")", "actual", "predicted").size(520, 460).reference("identity");
        SvgChart residuals = new SvgChart("Residuals (" + setName + ")", "predicted", "actual \u2212 predicted").size(520, 460).reference("zero");
        for (int t = 0; t < k; t++) {
            double[] y = new double[m], yhat = new double[m], res = new double[m];
            for (int j = 0; j < m; j++) {
                int i = j * stride;
                y[j] = actual.get(i, t);
                yhat[j] = predicted.get(i, t);
                res[j] = y[j] - yhat[j];
            }
            String name = targetNames != null && t < targetNames.size() ? targetNames.get(t) : actual.cols() == 1 ? "target" : "target " + (t + 1);
            scatter.add(new SvgChart.Series(name, COLOURS[t], y, yhat, true));
            residuals.add(new SvgChart.Series(name, COLOURS[t], yhat, res, true));
        }
        String note = String.format(Locale.ROOT, "On the %d %s examples: RMSE %s, MAE %s, R\u00b2 %s.%s%s", n, setName, Html.f4(ev.rmse()),
                Html.f4(ev.mae()), Html.f4(ev.r2()), stride > 1 ? " Every " + stride + "th example is drawn (" + m + " points)." : "",
                actual.cols() > k ? " The first " + k + " of " + actual.cols() + " targets are drawn." : "");
        r.section("predictions", "Predictions (" + setName + ")", note, "<div class=\"pair\"><div>"
                + r.figure("predicted-vs-actual", scatter.svg(), ChartPng.of(scatter)) + "</div><div>"
                + r.figure("residuals", residuals.svg(), ChartPng.of(residuals)) + "</div></div>\n");
    }
}
