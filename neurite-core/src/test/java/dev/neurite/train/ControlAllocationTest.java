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
import org.junit.jupiter.api.Test;

/**
 * {@link AllocationTest}'s bound with every training control on: a weighted, smoothed loss with example
 * weights, clipping by value and norm, a warmed-up per-step schedule, ReduceOnPlateau and an acting listener.
 */
class ControlAllocationTest {
    private static long allocatedBy(Runnable r) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(id);
        r.run();
        return bean.getThreadAllocatedBytes(id) - before;
    }

    private static Trainer trainer(int epochs) {
        return Trainer.builder().epochs(epochs).batchSize(50).seed(1).optimizer(Sgd.momentum(0.05, 0.9)).l2(1e-4)
                .schedule(LearningRateSchedule.warmupSteps(30, LearningRateSchedule.oneCycle(6)))
                .clipping(new GradientClipping(1, 0.1)).balancedClassWeights().lossWeights(LossWeights.NONE.labelSmoothing(0.1))
                .reduceOnPlateau(new ReduceOnPlateau(0.9, 1, 0)).build();
    }

    @Test
    void aStepWithEveryControlAllocatesLessThanOneKilobyte() {
        Dataset plain = Dataset.classification(TestData.uniform(1000, 100, 0, 1, 1), TestData.labels(1000, 10, 2), 10);
        Dataset data = plain.withExampleWeights(java.util.Arrays.copyOf(TestData.uniform(1000, 1, 0.5, 2, 3).data(), 1000));
        Network net = Network.of("100-d0.2-64relu-d0.5-32tanh-10softmax", 1);
        TrainingListener actor = new TrainingListener() {
            @Override
            public void onBatch(BatchStats s, TrainingControl control) {
                if (s.batch() == 7) {
                    control.scaleLearningRate(1.01);
                }
            }
        };
        Trainer shortRun = trainer(2), longRun = trainer(6);
        double perStep = Double.NaN;
        int steady = 0;
        for (int round = 0; round < 150 && steady < 2; round++) {
            long few = allocatedBy(() -> shortRun.fit(net, data, actor));
            long many = allocatedBy(() -> longRun.fit(net, data, actor));
            perStep = (many - few) / (4.0 * 20);
            steady = perStep >= 0 && perStep < 1024 ? steady + 1 : 0;
        }
        assertTrue(steady == 2, "a training step allocated " + perStep + " bytes");
    }
}
