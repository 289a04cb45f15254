package dev.neurite.cli;

import dev.neurite.data.Imputation;
import dev.neurite.data.Tabular;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code train}'s tabular preprocessing, fitted on the training data and saved with the model: imputation
 * of missing values, missing indicators, columns read as categories, a separate file of targets, and the
 * standardisation of regression targets.
 */
final class PreprocessOptions {
    @Option(names = "--impute", paramLabel = "mean|median|most-frequent",
            description = "Fill missing feature values (empty, NA, NaN, ...) with the training column's mean, median or most"
                    + " frequent value (categorical columns: the most frequent category); without it a missing value is an error.")
    String impute;

    @Option(names = "--missing-indicator", description = "With --impute: add a 0/1 input per column that has missing training"
            + " values, 1 where the value was missing.")
    boolean missingIndicator;

    @Option(names = "--categorical", split = ",", paramLabel = "NAME[,NAME...]",
            description = "Read these columns as categories (one-hot) even though their values are numbers; text columns always are.")
    List<String> categorical = new ArrayList<>();

    @Option(names = "--train-targets", paramLabel = "FILE", description = "The label columns of --train come from this file,"
            + " row by row (scikit-learn's diabetes_target.csv.gz beside diabetes_data_raw.csv.gz).")
    Path trainTargets;

    @Option(names = "--target-scaling", paramLabel = "standard|none",
            description = "With --regression: train on standardised targets and restore their units in the saved model's last"
                    + " layer (default: standard; none with --no-bias).")
    String targetScaling;

    void check(boolean regression, boolean noBias) {
        Imputation i = imputation();
        OptionChecks.ignored(missingIndicator && i == Imputation.NONE, "--missing-indicator",
                "without --impute (there is nothing to indicate when missing values are refused)");
        if (targetScaling != null) {
            String t = targetScaling.toLowerCase(Locale.ROOT);
            if (!t.equals("standard") && !t.equals("none")) {
                throw new IllegalArgumentException("--target-scaling must be standard or none, was '" + targetScaling + "'");
            }
            OptionChecks.ignored(!regression, "--target-scaling", "without --regression (class labels are not scaled)");
            if (t.equals("standard") && noBias) {
                throw new IllegalArgumentException("--target-scaling standard restores the targets' mean in the last layer's bias,"
                        + " which --no-bias leaves out; use --target-scaling none");
            }
        }
    }

    Imputation imputation() {
        return impute == null ? Imputation.NONE : Imputation.parse(impute);
    }

    /** Whether regression targets are standardised: asked for, or the default (not with --no-bias). */
    boolean scalesTargets(boolean noBias) {
        return targetScaling == null ? !noBias : targetScaling.equalsIgnoreCase("standard");
    }

    Tabular apply(Tabular reader) {
        Tabular t = reader.impute(imputation()).missingIndicator(missingIndicator).categorical(new LinkedHashSet<>(categorical));
        return trainTargets == null ? t : t.targets(trainTargets);
    }
}
