package dev.neurite.cli;

import dev.neurite.train.BatchStats;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A live bar for one epoch on the terminal: samples/s, ETA, running loss and (for a classifier) accuracy. */
final class ProgressLine implements AutoCloseable {
    private final ProgressBar bar;
    private double lossSum;
    private long correct;
    private long seen;
    private final boolean regression;

    ProgressLine(int epoch, int epochs, int examples, boolean regression) {
        this.regression = regression;
        bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, epochs))
                .setInitialMax(examples).setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(200)
                .setUnit(" samples", 1).showSpeed().clearDisplayOnFinish()
                .setConsumer(new ConsoleProgressBarConsumer(System.out)).build();
    }

    void step(BatchStats b) {
        lossSum += b.loss() * b.size();
        correct += b.correct();
        seen += b.size();
        bar.stepBy(b.size());
        bar.setExtraMessage(regression ? String.format(Locale.ROOT, "  loss %.4f", lossSum / seen)
                : String.format(Locale.ROOT, "  loss %.4f  acc %.4f", lossSum / seen, (double) correct / seen));
    }

    @Override
    public void close() {
        bar.close();
    }
}
