package dev.neurite.cli;

import picocli.CommandLine;

/**
 * The checks of {@code neurite train}'s own options, made before any data is read or configuration
 * built, so that messages name the option (see {@link OptionChecks}); the network and optimizer
 * options are checked by {@link NetworkOptions#validate}.
 */
final class TrainChecks {
    private TrainChecks() {}

    /** Throws IllegalArgumentException, naming the option, for a bad value or an option that would be ignored. */
    static void check(TrainCommand t) {
        CommandLine.ParseResult given = t.spec.commandLine().getParseResult();
        OptionChecks.positive("--epochs", t.epochs, "passes over the training data");
        OptionChecks.positive("--batch-size", t.batchSize, "examples per gradient step");
        OptionChecks.atMost("--threads", t.threads, TrainCommand.MAX_THREADS, "threads for the kernels; the result is the same for any number");
        if (t.validationSplit != null) {
            OptionChecks.openUnit("--validation-split", t.validationSplit, "the fraction of the training data held out");
        }
        if (t.patience != null) {
            OptionChecks.positive("--patience", t.patience, "epochs without improvement before stopping");
        }
        if (t.normalize != null) {
            OptionChecks.oneOf("--normalize", t.normalize, dev.neurite.data.NormalizationKind.names());
        }
        if (t.checkpointEvery < 0) {
            throw new IllegalArgumentException("--checkpoint-every must be >= 0 (training steps; 0: only after epochs), was " + t.checkpointEvery);
        }
        OptionChecks.ignored(t.checkpointDir == null && given.hasMatchedOption("--checkpoint-every"), "--checkpoint-every",
                "without --checkpoint-dir (there is nowhere to write the checkpoints)");
        OptionChecks.ignored(t.noReport && given.hasMatchedOption("--report"), "--report", "with --no-report");
        OptionChecks.ignored(t.dataOptions.testTargets != null && t.dataOptions.testCsv == null, "--test-targets",
                "without --test (there is no test file to take the labels of)");
        t.net.validate(given::hasMatchedOption);
        t.dataOptions.csv.check();
        t.preprocess.check(t.dataOptions.regression, t.net.noBias);
        t.control.validate(given::hasMatchedOption);
    }
}
