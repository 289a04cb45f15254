package dev.neurite.data;

import java.util.Arrays;
import java.util.List;

/**
 * The per-feature maps a {@link Normalization} can be, by the names the command line and the model file use:
 * {@code none}, {@code min-max} and {@code standard}.
 */
public enum NormalizationKind {
    /** The identity: shift 0, scale 1. */
    NONE("none"),
    /** {@code (x − min) / (max − min)}: training features in [0, 1]. */
    MIN_MAX("min-max"),
    /** {@code (x − mean) / std}: training features with mean 0 and standard deviation 1. */
    STANDARD("standard");

    private final String cliName;

    NormalizationKind(String cliName) {
        this.cliName = cliName;
    }

    /** The name on the command line and in a model file's metadata. */
    public String cliName() {
        return cliName;
    }

    /** Every accepted name, in declaration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(NormalizationKind::cliName).toList();
    }

    /**
     * The kind named {@code name}.
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static NormalizationKind parse(String name) {
        for (NormalizationKind k : values()) {
            if (k.cliName.equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("normalization must be one of " + String.join(", ", names()) + ", was '"
                + name + "'");
    }

    /** The {@link #cliName()}, so that printing a kind shows the name a user types. */
    @Override
    public String toString() {
        return cliName;
    }
}
