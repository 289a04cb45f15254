package dev.neurite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.data.Dataset;
import dev.neurite.data.Mnist;
import dev.neurite.loss.LossWeights;
import dev.neurite.metrics.Evaluation;
import dev.neurite.model.Network;
import dev.neurite.optim.Adam;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Imbalanced real data: the first 4,000 MNIST training digits with the digit 5 kept at 5% of its examples
 * (about 18 of 360, 0.5% of the set), a 784-32relu-10softmax network, 3 epochs of Adam, seed 7. Balanced
 * class weights ({@code n / (K·n_c)}, about 21 for the fives) raise the fives' recall on the 10,000 test
 * digits; per-example weights that give each five the same weight do the same, bit for bit.
 */
class ImbalancedMnistTest {
    static final int RARE = 5;
    static Dataset train;
    static Dataset test;

    @BeforeAll
    static void load() throws IOException {
        Mnist mnist = Mnist.load();
        Dataset head = mnist.train().head(4000);
        int[] kept = IntStream.range(0, head.size()).filter(i -> head.label(i) != RARE || i % 20 == 0).toArray();
        train = head.subset(kept);
        test = mnist.test();
    }

    private static Trainer.Builder base() {
        return Trainer.builder().epochs(3).batchSize(32).seed(7).optimizer(Adam.of(1e-3));
    }

    private static double rareRecall(Trainer trainer, Dataset data) {
        Network net = Network.of("784-32relu-10softmax", 7);
        trainer.fit(net, data);
        return Evaluation.of(net, test).recall(RARE);
    }

    @Test
    void balancedClassWeightsRaiseTheRareClasssRecall() {
        long fives = Arrays.stream(train.labels()).filter(l -> l == RARE).count();
        assertTrue(fives >= 10 && fives <= 30, fives + " fives");
        double plain = rareRecall(base().build(), train);
        double balanced = rareRecall(base().balancedClassWeights().build(), train);
        System.out.printf("recall of the rare digit %d (%d of %d training examples): plain %.4f, balanced %.4f%n", RARE, fives,
                train.size(), plain, balanced);
        assertTrue(balanced > plain + 0.3, "balanced weights should raise the recall of the fives: plain " + plain
                + ", balanced " + balanced);
    }

    @Test
    void exampleWeightsCarryingTheClassWeightsGiveTheSameRun() {
        double[] w = LossWeights.balanced(train.labels(), 10);
        float[] perExample = new float[train.size()];
        for (int i = 0; i < perExample.length; i++) {
            perExample[i] = (float) w[train.label(i)];
        }
        Network a = Network.of("784-32relu-10softmax", 7), b = Network.of("784-32relu-10softmax", 7);
        Trainer one = Trainer.builder().epochs(1).batchSize(32).seed(7).optimizer(Adam.of(1e-3)).build();
        one.fit(a, train.withExampleWeights(perExample));
        Trainer.builder().epochs(1).batchSize(32).seed(7).optimizer(Adam.of(1e-3))
                .lossWeights(LossWeights.NONE.classWeights(w)).build().fit(b, train);
        float[][] wa = a.snapshot(), wb = b.snapshot();
        for (int i = 0; i < wa.length; i++) {
            assertEquals(0, Arrays.compare(wa[i], wb[i]), "tensor " + i);
        }
    }
}
