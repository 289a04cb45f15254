package dev.neurite.data;

import dev.neurite.tensor.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * A seeded k-fold partition of a data set for cross-validation: every example is held out in exactly one
 * fold. Stratified (for labelled sets), each class's examples are shuffled and dealt to the folds in turn,
 * the dealing carrying on from class to class, so each fold keeps the class proportions and the fold
 * sizes differ by at most one. Unstratified (regression), the shuffled examples are cut into {@code k}
 * consecutive parts whose sizes differ by at most one. The same seed gives the same folds.
 */
public final class Folds {
    private Folds() {}

    /** The most folds accepted: more would only train ever-smaller variations of one model. */
    public static final int MAX_FOLDS = 1000;

    /**
     * The {@code k} splits, fold {@code i}'s held-out part as {@link Split#validation()} and the rest, in the
     * data's order, as {@link Split#train()}.
     *
     * @throws IllegalArgumentException when {@code k < 2}, {@code k > MAX_FOLDS}, {@code k} is larger than the
     *         data set or, stratified, than the smallest class (naming it)
     */
    public static List<Split> of(Dataset data, int k, long seed, boolean stratified) {
        if (k < 2 || k > MAX_FOLDS) {
            throw new IllegalArgumentException("folds must be in [2, " + MAX_FOLDS + "], was " + k);
        }
        if (k > data.size()) {
            throw new IllegalArgumentException(k + " folds of " + data.size() + " examples would leave a fold empty");
        }
        if (stratified && !data.hasLabels()) {
            throw new IllegalArgumentException("stratified folds need class labels; this is a regression set");
        }
        int[] fold = new int[data.size()];
        Rng rng = new Rng(seed);
        if (stratified) {
            int[] counts = new int[data.numClasses()];
            for (int i = 0; i < data.size(); i++) {
                counts[data.label(i)]++;
            }
            int dealt = 0;
            for (int c = 0; c < counts.length; c++) {
                if (counts[c] > 0 && counts[c] < k) {
                    throw new IllegalArgumentException(k + " folds, but class '" + name(data, c) + "' has only " + counts[c]
                            + " example" + (counts[c] == 1 ? "" : "s") + ": every fold needs one of each class");
                }
                int[] members = new int[counts[c]];
                for (int i = 0, m = 0; i < data.size(); i++) {
                    if (data.label(i) == c) {
                        members[m++] = i;
                    }
                }
                rng.shuffle(members);
                for (int member : members) {
                    fold[member] = dealt++ % k;
                }
            }
        } else {
            int[] order = new int[data.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            rng.shuffle(order);
            for (int j = 0; j < order.length; j++) {
                fold[order[j]] = (int) ((long) j * k / order.length);
            }
        }
        List<Split> splits = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            List<Integer> held = new ArrayList<>(), kept = new ArrayList<>();
            for (int i = 0; i < fold.length; i++) {
                (fold[i] == f ? held : kept).add(i);
            }
            splits.add(new Split(data.subset(toArray(kept)), data.subset(toArray(held))));
        }
        return splits;
    }

    private static String name(Dataset data, int c) {
        return data.classNames() == null ? Integer.toString(c) : data.classNames().get(c);
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
