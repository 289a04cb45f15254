package dev.neurite.spark;

import java.io.Serializable;
import java.util.Collection;
import java.util.TreeMap;

/**
 * The value {@code treeAggregate} carries: every partition's contribution, keyed by partition. Merging
 * is a union, which does not depend on the order in which Spark combines task results (it follows task
 * completion); the driver then sums in partition order, so the average is the same bits on every run.
 */
final class Contributions implements Serializable {
    private static final long serialVersionUID = 1L;
    private final TreeMap<Integer, Contribution> byPartition = new TreeMap<>();

    Contributions add(Contribution c) {
        if (byPartition.putIfAbsent(c.partition(), c) != null) {
            throw new IllegalStateException("partition " + c.partition() + " contributed twice to one round");
        }
        return this;
    }

    Contributions merge(Contributions other) {
        other.byPartition.values().forEach(this::add);
        return this;
    }

    /** In partition order. */
    Collection<Contribution> inOrder() { return byPartition.values(); }
}
