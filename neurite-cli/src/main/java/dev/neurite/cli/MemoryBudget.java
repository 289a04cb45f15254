package dev.neurite.cli;

import dev.neurite.model.Architecture;
import dev.neurite.model.LayerSpec;
import java.util.Locale;

/**
 * Refuses, before anything is allocated, a network too large to train in this JVM's heap.
 *
 * <pre>
 *   bytes ≈ 4 · (COPIES · parameters + ACTIVATION_COPIES · batch · Σ units)
 * </pre>
 * Training keeps {@value #COPIES} float copies of every parameter (weights, gradients, two optimizer
 * moments, the best weights or a checkpoint snapshot) and, per dense layer, {@value #ACTIVATION_COPIES}
 * float matrices of the batch (z, a, dZ, dA). The estimate must fit in what is left of
 * {@link Runtime#maxMemory()} once the data is loaded; a layer's weights must also fit in one Java array.
 */
final class MemoryBudget {
    static final int COPIES = 5;
    static final int ACTIVATION_COPIES = 4;
    /** The largest Java array, in elements. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private MemoryBudget() {}

    /** Throws IllegalArgumentException naming {@code option} when {@code arch} cannot be trained here. */
    static void checkTrainable(Architecture arch, int batch, String option) {
        long parameters = 0, units = 0;
        long in = arch.inputSize();
        for (LayerSpec spec : arch.layers()) {
            if (spec instanceof LayerSpec.Dense d) {
                long weights = in * d.units();
                if (weights > MAX_ARRAY) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "%s: the layer %d → %d of %s has %,d weights, more than one Java array holds (%,d): use smaller layers",
                            option, in, d.units(), arch.toSpec(), weights, MAX_ARRAY));
                }
                parameters += weights + (arch.bias() ? d.units() : 0) + (d.batchNorm() ? 4L * d.units() : 0);
                units += d.units() * (d.batchNorm() ? 2L : 1L);     // batchnorm keeps x̂ and its output per batch
                in = d.units();
            }
        }
        double bytes = 4.0 * (COPIES * (double) parameters + ACTIVATION_COPIES * (double) batch * units);
        Runtime rt = Runtime.getRuntime();
        long max = rt.maxMemory();
        long left = max - (rt.totalMemory() - rt.freeMemory());
        if (bytes > left) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: the network %s has %,d parameters; training it needs about %s (4 bytes × %d copies of each"
                            + " parameter: weights, gradients, optimizer state, best weights; plus a batch's activations),"
                            + " more than the %s left of this JVM's %s heap: use smaller layers or a larger heap"
                            + " (NEURITE_JAVA_OPTS=-Xmx16g)",
                    option, arch.toSpec(), parameters, size(bytes), COPIES, size(left), size(max)));
        }
    }

    /** Bytes as "512 MB" or "3.2 GB". */
    static String size(double bytes) {
        return bytes >= 1e9 ? String.format(Locale.ROOT, "%.1f GB", bytes / 1e9) : String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }
}
