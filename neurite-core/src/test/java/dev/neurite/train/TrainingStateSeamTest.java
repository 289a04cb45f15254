package dev.neurite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import dev.neurite.data.Batches;
import dev.neurite.data.Batching;
import dev.neurite.data.Dataset;
import dev.neurite.loss.Loss;
import dev.neurite.model.Network;
import dev.neurite.optim.Adam;
import dev.neurite.optim.Regularization;
import dev.neurite.tensor.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seams a data-parallel trainer needs: the optimizer's arrays read and put back, and the RNG streams
 * carried from one state to another, continue a run bit for bit.
 */
class TrainingStateSeamTest {
    private static final String SPEC = "6-d0.3-8relu-3softmax";
    private final Dataset data = Dataset.classification(TestData.uniform(40, 6, -1, 1, 5), TestData.labels(40, 3, 6), 3);

    /** Trains {@code steps} shuffled batches of 8 on {@code state}, drawing the order from {@code shuffle}. */
    private void train(TrainingState state, Rng shuffle, int steps) {
        TrainingStep step = TrainingStep.of(state.network(), Loss.crossEntropy(), Regularization.NONE);
        Batches batches = new Batches(data, Batching.shuffled(8));
        batches.startEpoch(shuffle);
        for (int i = 0; i < steps && batches.next(); i++) {
            step.run(state, batches.x(), batches.y(), 0.01);
        }
    }

    @Test
    void optimizerArraysAndStreamsMovedToAFreshStateContinueTheRunBitForBit() {
        Network a = Network.of(SPEC, 3);
        TrainingState one = TrainingState.start(a, Adam.of(0.01), 9);
        train(one, new Rng(1), 3);

        Network b = Network.of(SPEC, 77);
        b.restore(a.snapshot());
        TrainingState other = TrainingState.start(b, Adam.of(0.01), 12345);
        List<float[]> moments = new ArrayList<>();
        for (float[] m : one.optimizerState()) {
            moments.add(m.clone());
        }
        other.restoreOptimizer(one.steps(), moments);
        long[][] streams = one.streamStates();
        other.restoreStreams(streams[0], streams[1]);
        assertEquals(3, other.steps());

        train(one, new Rng(2), 2);
        train(other, new Rng(2), 2);
        float[][] wa = a.snapshot(), wb = b.snapshot();
        for (int i = 0; i < wa.length; i++) {
            assertArrayEquals(wa[i], wb[i], "tensor " + i);
        }
        for (int i = 0; i < one.optimizerState().size(); i++) {
            assertArrayEquals(one.optimizerState().get(i), other.optimizerState().get(i), "moment " + i);
        }
        assertArrayEquals(one.streamStates()[1], other.streamStates()[1], "the dropout stream moved on alike");
    }

    @Test
    void theLiveArraysAreTheOptimizers() {
        TrainingState s = TrainingState.start(Network.of(SPEC, 3), Adam.of(0.01), 9);
        train(s, new Rng(1), 1);
        float[] first = s.optimizerState().get(0);
        first[0] = 42f;
        assertEquals(42f, s.optimizerState().get(0)[0]);
    }

    @Test
    void misfitArraysNegativeStepsAndImpossibleStreamsAreRefused() {
        TrainingState s = TrainingState.start(Network.of(SPEC, 3), Adam.of(0.01), 9);
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> s.restoreOptimizer(1, List.of(new float[3])));
        assertTrue(count.getMessage().contains("1"), count.getMessage());
        IllegalArgumentException steps = assertThrows(IllegalArgumentException.class,
                () -> s.restoreOptimizer(-1, s.optimizerState()));
        assertTrue(steps.getMessage().contains("-1"), steps.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.restoreStreams(new long[8], new Rng(1).state()));
    }
}
