package dev.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neurite.tensor.Matrix;
import dev.neurite.tensor.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataTest {
    @Test
    void oneHotIsTheSeedsEncodingTransposed() {
        // the second seed's example: y = [0,1,8,7,4,5,0,1,4], 9 labels
        Matrix y = OneHot.encode(new int[] {0, 1, 8, 7, 4, 5, 0, 1, 4}, 9);
        assertEquals(9, y.rows());
        assertEquals(1f, y.get(2, 8));
        assertEquals(1f, y.get(3, 7));
        double sum = 0;
        for (int i = 0; i < y.size(); i++) {
            sum += y.data()[i];
        }
        assertEquals(9, sum);
        assertEquals("label 1 is 9, outside [0, 9)",
                assertThrows(IllegalArgumentException.class, () -> OneHot.encode(new int[] {0, 9}, 9)).getMessage());
    }

    private static Dataset counting(int n) {
        Matrix x = Matrix.zeros(n, 1);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x.set(i, 0, i);
            labels[i] = i % 2;
        }
        return Dataset.classification(x, labels, 2);
    }

    private static List<List<Integer>> epoch(Batches b, Rng rng) {
        List<List<Integer>> batches = new ArrayList<>();
        b.startEpoch(rng);
        while (b.next()) {
            List<Integer> ids = new ArrayList<>();
            for (int r = 0; r < b.x().rows(); r++) {
                ids.add((int) b.x().get(r, 0));
                assertEquals(ids.get(r) % 2, b.y().get(r, 1), "targets travel with their rows");
            }
            batches.add(ids);
        }
        return batches;
    }

    @Test
    void arraySplitMatchesNumpy() {
        // np.array_split(range(10), 3) → [0..3], [4..6], [7..9]
        List<List<Integer>> b = epoch(new Batches(counting(10), Batching.arraySplit(3)), new Rng(1));
        assertEquals(List.of(List.of(0, 1, 2, 3), List.of(4, 5, 6), List.of(7, 8, 9)), b);
        assertEquals(3, new Batches(counting(10), Batching.arraySplit(3)).batchesPerEpoch());
    }

    @Test
    void shuffledBatchesCoverEveryExampleOnceWithASmallerLastBatch() {
        Batches b = new Batches(counting(23), Batching.shuffled(5));
        assertEquals(5, b.batchesPerEpoch());
        List<List<Integer>> first = epoch(b, new Rng(1));
        assertEquals(3, first.get(4).size());
        List<Integer> all = new ArrayList<>();
        first.forEach(all::addAll);
        all.sort(null);
        for (int i = 0; i < 23; i++) {
            assertEquals(i, all.get(i));
        }
        Rng rng = new Rng(9);
        assertNotEquals(epoch(b, rng), epoch(b, rng), "each epoch draws a new order");
        assertEquals(epoch(b, new Rng(9)), epoch(new Batches(counting(23), Batching.shuffled(5)), new Rng(9)));
    }

    @Test
    void sequentialKeepsDataOrder() {
        assertEquals(List.of(List.of(0, 1, 2, 3), List.of(4)),
                epoch(new Batches(counting(5), Batching.sequential(4)), new Rng(1)));
    }

    @Test
    void datasetChecksItsParts() {
        assertThrows(IllegalArgumentException.class, () -> Dataset.classification(Matrix.zeros(3, 2), new int[2], 2));
        assertThrows(IllegalArgumentException.class, () -> Dataset.binary(Matrix.zeros(1, 2), new int[] {2}));
        assertThrows(IllegalArgumentException.class, () -> new Batches(counting(0), Batching.shuffled(2)));
        assertThrows(IllegalArgumentException.class, () -> Batching.shuffled(0));
        assertThrows(IllegalStateException.class, () -> Dataset.regression(Matrix.zeros(1, 1), Matrix.zeros(1, 1)).label(0));
        Dataset sub = counting(10).subset(new int[] {7, 2});
        assertArrayEquals(new int[] {1, 0}, sub.labels());
        assertEquals(7f, sub.x().get(0, 0));
        assertEquals(3, counting(10).head(3).size());
    }
}
