package dev.neurite.cli;

import dev.neurite.train.EpochStats;
import java.util.Locale;

/** The one line printed after each epoch. */
final class EpochLine {
    private EpochLine() {}

    static String format(EpochStats s, int epochs, double testAccuracy) {
        int width = Integer.toString(epochs).length();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %" + width + "d/%d  loss %.4f", s.epoch() + 1,
                epochs, s.trainLoss()));
        if (!Double.isNaN(s.trainAccuracy())) {
            sb.append(String.format(Locale.ROOT, "  train_acc %.4f", s.trainAccuracy()));
        }
        if (!Double.isNaN(s.validationLoss())) {
            sb.append(String.format(Locale.ROOT, "  val_loss %.4f", s.validationLoss()));
        }
        if (!Double.isNaN(s.validationAccuracy())) {
            sb.append(String.format(Locale.ROOT, "  val_acc %.4f", s.validationAccuracy()));
        }
        if (!Double.isNaN(testAccuracy)) {
            sb.append(String.format(Locale.ROOT, "  test_acc %.4f", testAccuracy));
        }
        return sb.append(String.format(Locale.ROOT, "  lr %.3g  %.2fs", s.learningRate(), s.seconds())).toString();
    }
}
