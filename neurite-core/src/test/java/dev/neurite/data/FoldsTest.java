package dev.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.tensor.Matrix;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FoldsTest {
    /** Example i has the feature i, so a split's rows say which examples it holds. */
    private static Dataset labelled(int[] labels, int classes) {
        Matrix x = Matrix.zeros(labels.length, 1);
        for (int i = 0; i < labels.length; i++) {
            x.set(i, 0, i);
        }
        return Dataset.classification(x, labels, classes, null);
    }

    private static Set<Integer> ids(Dataset d) {
        Set<Integer> s = new HashSet<>();
        for (int i = 0; i < d.size(); i++) {
            s.add((int) d.x().get(i, 0));
        }
        return s;
    }

    @Test
    void everyExampleIsHeldOutOnceAndEachFoldKeepsTheClassProportions() {
        int[] labels = new int[103];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < 60 ? 0 : i < 90 ? 1 : 2;     // 60, 30, 13
        }
        List<Split> folds = Folds.of(labelled(labels, 3), 5, 7, true);
        Set<Integer> seen = new HashSet<>();
        for (Split s : folds) {
            Set<Integer> held = ids(s.validation());
            assertEquals(103, held.size() + s.train().size());
            assertTrue(java.util.Collections.disjoint(held, ids(s.train())));
            for (int id : held) {
                assertTrue(seen.add(id), "example " + id + " held out twice");
            }
            int[] perClass = new int[3];
            for (int i = 0; i < s.validation().size(); i++) {
                perClass[s.validation().label(i)]++;
            }
            assertEquals(12, perClass[0]);
            assertEquals(6, perClass[1]);
            assertTrue(perClass[2] == 2 || perClass[2] == 3, "class 2 in a fold: " + perClass[2]);
            assertTrue(s.validation().size() == 20 || s.validation().size() == 21, "fold size " + s.validation().size());
        }
        assertEquals(103, seen.size());
    }

    @Test
    void theSameSeedGivesTheSameFoldsAndAnotherSeedOthers() {
        int[] labels = new int[40];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 2;
        }
        Dataset d = labelled(labels, 2);
        for (int f = 0; f < 4; f++) {
            assertEquals(ids(Folds.of(d, 4, 3, true).get(f).validation()), ids(Folds.of(d, 4, 3, true).get(f).validation()));
        }
        assertTrue(!ids(Folds.of(d, 4, 3, true).get(0).validation()).equals(ids(Folds.of(d, 4, 4, true).get(0).validation())));
    }

    @Test
    void regressionFoldsAreConsecutivePartsOfAShuffle() {
        Matrix x = Matrix.zeros(10, 1), y = Matrix.zeros(10, 1);
        for (int i = 0; i < 10; i++) {
            x.set(i, 0, i);
        }
        List<Split> folds = Folds.of(Dataset.regression(x, y), 3, 1, false);
        int[] sizes = folds.stream().mapToInt(s -> s.validation().size()).toArray();
        assertArrayEquals(new int[] {4, 3, 3}, sizes);
        Set<Integer> all = new HashSet<>();
        folds.forEach(s -> all.addAll(ids(s.validation())));
        assertEquals(10, all.size());
    }

    @Test
    void moreFoldsThanAClassHasExamplesIsRefusedNamingTheClass() {
        Dataset d = Dataset.classification(Matrix.zeros(7, 1), new int[] {0, 0, 0, 0, 1, 1, 1}, 2, List.of("cat", "dog"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Folds.of(d, 4, 1, true));
        assertTrue(e.getMessage().contains("class 'dog' has only 3 examples"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Folds.of(d, 1, 1, true));
        assertThrows(IllegalArgumentException.class, () -> Folds.of(d, 8, 1, false));
    }
}
