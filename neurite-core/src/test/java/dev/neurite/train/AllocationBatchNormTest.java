package dev.neurite.train;

import org.junit.jupiter.api.Test;

/**
 * {@link AllocationTest}'s bound for a network with batch normalisation, in a JVM of its own (surefire's
 * allocation execution forks one per class): trained after the plain network in one JVM, C2's profiles of
 * the shared call sites differ from a training run's and the measurement with them.
 */
class AllocationBatchNormTest {
    @Test
    void aTrainingStepWithBatchNormAllocatesLessThanOneKilobyte() throws Exception {
        AllocationTest.assertSteadyStateUnderOneKilobyte("100-d0.2-64bnrelu-d0.5-32bntanh-10softmax");
    }
}
