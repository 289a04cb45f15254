package dev.neurite.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import dev.neurite.data.Dataset;
import dev.neurite.model.Network;
import dev.neurite.optim.Sgd;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Steady-state training allocates (almost) nothing: buffers are made once per batch size and reused.
 * Measured with the JDK's per-thread allocated-bytes counter as the difference between a 6-epoch and
 * a 2-epoch run, so set-up costs cancel. A memory property, not a timing: it does not depend on the
 * machine's speed.
 */
class AllocationTest {
    private static long allocatedBy(Runnable r) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(id);
        r.run();
        return bean.getThreadAllocatedBytes(id) - before;
    }

    @Test
    void aTrainingStepAllocatesLessThanOneKilobyte() {
        assertSteadyStateUnderOneKilobyte("100-d0.2-64relu-d0.5-32tanh-10softmax");
    }

    static void assertSteadyStateUnderOneKilobyte(String spec) {
        Dataset data = Dataset.classification(TestData.uniform(1000, 100, 0, 1, 1), TestData.labels(1000, 10, 2), 10);
        Network net = Network.of(spec, 1);
        Trainer shortRun = Trainer.builder().epochs(2).batchSize(50).seed(1).optimizer(Sgd.momentum(0.05, 0.9)).l2(1e-4).build();
        Trainer longRun = Trainer.builder().epochs(6).batchSize(50).seed(1).optimizer(Sgd.momentum(0.05, 0.9)).l2(1e-4).build();
        // the JIT needs a few hundred to a few thousand steps to compile the kernels (interpreted vector code
        // allocates): the steady state is two rounds in a row under the bound. A negative difference means
        // the short run was still compiling, and does not count.
        double perStep = Double.NaN;
        int steady = 0;
        for (int round = 0; round < 150 && steady < 2; round++) {
            long few = allocatedBy(() -> shortRun.fit(net, data));
            long many = allocatedBy(() -> longRun.fit(net, data));
            perStep = (many - few) / (4.0 * 20);                   // 4 more epochs of 20 steps each
            steady = perStep >= 0 && perStep < 1024 ? steady + 1 : 0;
        }
        assertTrue(steady == 2, "a training step of " + spec + " allocated " + perStep + " bytes");
    }
}
