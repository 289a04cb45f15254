package dev.neurite.cli;

import dev.neurite.data.Dataset;
import dev.neurite.infer.Predictor;
import dev.neurite.metrics.Evaluation;
import java.io.IOException;
import java.util.List;

/** A classifier's part of the report: the confusion matrix in counts and in shares, the per-class table, the mistakes. */
final class ClassFigures {
    private ClassFigures() {}

    /**
     * @param images whether the examples are images (IDX data); square CSV rows are not drawn as images
     */
    static void add(Report r, Predictor predictor, Dataset shown, String setName, Evaluation ev, List<String> names, boolean images)
            throws IOException {
        long[][] c = ev.confusion();
        if (c.length <= ConfusionFigure.MAX_CLASSES) {
            ConfusionFigure counts = new ConfusionFigure(c, names, false, setName), shares = new ConfusionFigure(c, names, true, setName);
            r.section("confusion", "Confusion matrix (" + setName + ")", "Rows are the true classes, columns the predictions: the diagonal"
                    + " (blue) is right, everything else (red) is a mistake. The second matrix shows each row as percentages of its true class,"
                    + " so its diagonal is the recall.", "<div class=\"pair\"><div>" + r.figure("confusion", counts.svg(), counts.png())
                    + "</div><div>" + r.figure("confusion-normalised", shares.svg(), shares.png()) + "</div></div>\n");
        } else {
            r.section("confusion", "Confusion matrix (" + setName + ")", c.length + " classes: too many to draw; the table below has"
                    + " each class's figures.", "");
        }
        r.section("classes", "Precision, recall and F1 per class (" + setName + ")", "Precision: of the examples predicted as the class,"
                + " the share that are; recall: of the class's examples, the share found; F1: their harmonic mean; support: the class's"
                + " examples. The macro average weighs classes equally, the weighted one by support (as scikit-learn's"
                + " classification_report). The class with the lowest F1 is highlighted.", new ClassTable(c).html(names, setName));
        int side = (int) Math.round(Math.sqrt(shown.inputSize()));
        if (images && side * side == shown.inputSize() && shown.hasLabels()) {
            Misclassified m = new Misclassified(predictor.classify(shown.x()), shown, names, side);
            if (m.total == 0) {
                r.section("misclassified", "Misclassified " + setName + " images", null, "<p>None: every image was classified correctly.</p>\n");
            } else {
                r.file("misclassified.png", m.sheet());
                r.section("misclassified", m.heading(setName), "Each image is captioned with its true class \u2192 the predicted class"
                        + " and the probability the model gave its prediction.", m.html() + Report.links("misclassified.png"));
            }
        }
    }
}
