package dev.neurite.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neurite.model.Network;
import dev.neurite.optim.Sgd;
import dev.neurite.train.TrainingState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The driver's average, and the partitioner, without Spark: hand-checkable numbers. */
class AveragingTest {
    private static Contribution of(int partition, long rows, float value, float velocity, long steps) {
        Network net = Network.of("2-1", 1);
        float[][] w = net.snapshot();
        for (float[] t : w) {
            java.util.Arrays.fill(t, value);
        }
        float[][] v = new float[w.length][];
        for (int i = 0; i < w.length; i++) {
            v[i] = new float[w[i].length];
            java.util.Arrays.fill(v[i], velocity);
        }
        return new Contribution(partition, rows, w, v, steps, Position.start(1, partition), rows * 0.5, rows, rows);
    }

    @Test
    void theAverageIsWeightedByRowsWhateverOrderTheContributionsArrivedIn() {
        Contributions ab = new Contributions().add(of(0, 30, 1f, 2f, 10)).merge(new Contributions().add(of(1, 10, 5f, -2f, 14)));
        Contributions ba = new Contributions().add(of(1, 10, 5f, -2f, 14)).merge(new Contributions().add(of(0, 30, 1f, 2f, 10)));
        ab.add(Contribution.empty(2, Position.start(1, 2)));
        for (Contributions c : List.of(ab, ba)) {
            TrainingState state = TrainingState.start(Network.of("2-1", 9), Sgd.momentum(0.1, 0.9), 1);
            DistributedTrainer.RoundStats stats = Averaging.into(state, c, new Position[3], 0, false);
            for (float[] t : state.network().snapshot()) {
                for (float x : t) {
                    assertEquals(2f, x);                       // (30·1 + 10·5) / 40
                }
            }
            for (float[] t : state.optimizerState()) {
                for (float x : t) {
                    assertEquals(1f, x);                       // (30·2 − 10·2) / 40
                }
            }
            assertEquals(11, state.steps());                   // (30·10 + 10·14) / 40
            assertEquals(0.5, stats.loss());
        }
    }

    @Test
    void aPartitionThatContributesTwiceIsAnError() {
        Contributions c = new Contributions().add(of(0, 1, 1f, 0f, 1));
        assertThrows(IllegalStateException.class, () -> c.add(of(0, 1, 1f, 0f, 1)));
    }

    @Test
    void rowsGoToContiguousRangesOfNearlyEqualSize() {
        Shards.Contiguous p = new Shards.Contiguous(3, 10);
        int[] expected = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
        for (int i = 0; i < 10; i++) {
            assertEquals(expected[i], p.getPartition((long) i), "row " + i);
        }
        assertArrayEquals(new int[] {0, 1}, new int[] {new Shards.Contiguous(2, 4).getPartition(1L),
            new Shards.Contiguous(2, 4).getPartition(2L)});
    }
}
