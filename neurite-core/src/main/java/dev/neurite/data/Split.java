package dev.neurite.data;

import dev.neurite.tensor.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * A seeded split of a data set into training and validation parts.
 *
 * @param train      the examples kept for training
 * @param validation the examples held out
 */
public record Split(Dataset train, Dataset validation) {
    /**
     * Holds out {@code round(fraction · N)} examples chosen by {@code seed}. Stratified, each class
     * gives the same fraction (rounded per class), so both parts keep the class proportions.
     *
     * @param fraction in (0, 1); both parts must end up non-empty
     */
    public static Split of(Dataset data, double fraction, long seed, boolean stratified) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), was " + fraction);
        }
        if (stratified && !data.hasLabels()) {
            throw new IllegalArgumentException("a stratified split needs class labels; this is a regression set");
        }
        Rng rng = new Rng(seed);
        List<Integer> held = new ArrayList<>(), kept = new ArrayList<>();
        if (stratified) {
            List<List<Integer>> byClass = new ArrayList<>();
            for (int c = 0; c < data.numClasses(); c++) {
                byClass.add(new ArrayList<>());
            }
            for (int i = 0; i < data.size(); i++) {
                byClass.get(data.label(i)).add(i);
            }
            for (List<Integer> members : byClass) {
                divide(members, fraction, rng, held, kept);
            }
        } else {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                all.add(i);
            }
            divide(all, fraction, rng, held, kept);
        }
        if (held.isEmpty() || kept.isEmpty()) {
            throw new IllegalArgumentException("a validation fraction of " + fraction + " of " + data.size()
                    + " examples leaves one part empty");
        }
        kept.sort(null);
        held.sort(null);
        return new Split(data.subset(toArray(kept)), data.subset(toArray(held)));
    }

    private static void divide(List<Integer> members, double fraction, Rng rng, List<Integer> held, List<Integer> kept) {
        int[] order = toArray(members);
        rng.shuffle(order);
        int h = (int) Math.round(fraction * order.length);
        for (int i = 0; i < order.length; i++) {
            (i < h ? held : kept).add(order[i]);
        }
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
