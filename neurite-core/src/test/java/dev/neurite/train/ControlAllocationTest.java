package dev.neurite.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import dev.neurite.data.Dataset;
import dev.neurite.loss.LossWeights;
import dev.neurite.model.Network;
import dev.neurite.optim.GradientClipping;
import dev.neurite.optim.LearningRateSchedule;
import dev.neurite.optim.Sgd;
import java.lang.management.ManagementFactory;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link AllocationTest}'s bound (under 1 KB per step in the steady state) with each training control on:
 * example weights, label smoothing, balanced class weights, clipping by value and norm, a warm-up, one-cycle,
 * ReduceOnPlateau and a listener that scales the rate.
 */
class ControlAllocationTest {
    private static long allocatedBy(Runnable r) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(id);
        r.run();
        return bean.getThreadAllocatedBytes(id) - before;
    }

    private static void assertSteadyUnderOneKilobyte(String what, UnaryOperator<Trainer.Builder> control, Dataset data,
                                                     TrainingListener... listeners) {
        Network net = Network.of("100-d0.2-64relu-d0.5-32tanh-10softmax", 1);
        Trainer shortRun = control.apply(Trainer.builder().epochs(2).batchSize(50).seed(1).optimizer(Sgd.momentum(0.05, 0.9))
                .l2(1e-4)).build();
        Trainer longRun = control.apply(Trainer.builder().epochs(6).batchSize(50).seed(1).optimizer(Sgd.momentum(0.05, 0.9))
                .l2(1e-4)).build();
        double perStep = Double.NaN;
        int steady = 0;
        for (int round = 0; round < 150 && steady < 2; round++) {
            long few = allocatedBy(() -> shortRun.fit(net, data, listeners));
            long many = allocatedBy(() -> longRun.fit(net, data, listeners));
            perStep = (many - few) / (4.0 * 20);
            steady = perStep >= 0 && perStep < 1024 ? steady + 1 : 0;
        }
        assertTrue(steady == 2, "with " + what + " a training step allocated " + perStep + " bytes");
    }

    @Test
    void aStepWithEachControlAllocatesLessThanOneKilobyte() {
        Dataset plain = Dataset.classification(TestData.uniform(1000, 100, 0, 1, 1), TestData.labels(1000, 10, 2), 10);
        Dataset weighted = plain.withExampleWeights(java.util.Arrays.copyOf(TestData.uniform(1000, 1, 0.5, 2, 3).data(), 1000));
        TrainingListener actor = new TrainingListener() {
            @Override
            public void onBatch(BatchStats s, TrainingControl control) {
                if (s.batch() == 7) {
                    control.scaleLearningRate(1.01);
                }
            }
        };
        assertSteadyUnderOneKilobyte("example weights", b -> b, weighted);
        assertSteadyUnderOneKilobyte("label smoothing", b -> b.lossWeights(LossWeights.NONE.labelSmoothing(0.1)), plain);
        assertSteadyUnderOneKilobyte("balanced class weights", Trainer.Builder::balancedClassWeights, plain);
        assertSteadyUnderOneKilobyte("clipping", b -> b.clipping(new GradientClipping(1, 0.1)), plain);
        assertSteadyUnderOneKilobyte("a warm-up", b -> b.schedule(LearningRateSchedule.warmupSteps(30,
                LearningRateSchedule.constant())), plain);
        assertSteadyUnderOneKilobyte("one-cycle", b -> b.schedule(LearningRateSchedule.oneCycle(6)), plain);
        assertSteadyUnderOneKilobyte("ReduceOnPlateau", b -> b.reduceOnPlateau(new ReduceOnPlateau(0.9, 1, 0)), plain);
        assertSteadyUnderOneKilobyte("an acting listener", b -> b, plain, actor);
    }
}
