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
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %3d  loss %.4f", s.epoch() + 1,
                s.trainLoss()));
        if (!Double.isNaN(s.trainAccuracy())) {
            sb.append(String.format(Locale.ROOT, "  acc %.4f", s.trainAccuracy()));
        }
        if (!Double.isNaN(s.validationLoss())) {
            sb.append(String.format(Locale.ROOT, "  val_loss %.4f", s.validationLoss()));
        }
        if (!Double.isNaN(s.validationAccuracy())) {
            sb.append(String.format(Locale.ROOT, "  val_acc %.4f", s.validationAccuracy()));
        }
        return sb.append(String.format(Locale.ROOT, "  lr %.4g  %.2fs", s.learningRate(), s.seconds())).toString();
    }
}
