package dev.neurite.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import dev.neurite.layer.Activation;
import dev.neurite.layer.Init;
import dev.neurite.layer.Mode;
import dev.neurite.tensor.Matrix;
import dev.neurite.tensor.Rng;
import org.junit.jupiter.api.Test;

class NetworkTest {
    /** Inference fuses each Dense + ReLU pair (bias and ReLU applied per tile); the bits are the layer-by-layer pass's. */
    @Test
    void inferenceWithFusedReluGivesTheLayerByLayerBits() {
        for (String spec : new String[] {"20-64relu-33relu-5softmax", "300-300relu-17tanh-4softmax", "20-40relu-1sigmoid"}) {
            Network net = Network.of(spec, 5);
            for (int batch : new int[] {1, 9, 130}) {
                Matrix x = TestData.uniform(batch, net.inputSize(), -1, 1, batch);
                Matrix layered = x;
                for (dev.neurite.layer.Layer layer : net.layers()) {
                    layered = layer.forward(layered, Mode.INFERENCE).copy();
                }
                Matrix fused = net.forward(x, Mode.INFERENCE);
                assertArrayEquals(layered.data(), fused.data(), spec + " batch " + batch);
            }
        }
    }

    @Test
    void textFormBuildsTheLayersAndRoundTrips() {
        Network net = Network.of("784-d0.2-128relu-d0.5-64lrelu0.2-10softmax", 1);
        assertEquals("Network(784 → dropout(0.2) → dense(784→128) → relu → dropout(0.5) → dense(128→64) → leaky-relu(0.2)"
                + " → dense(64→10) → softmax, 109386 parameters)", net.toString());
        assertEquals(784, net.inputSize());
        assertEquals(10, net.outputSize());
        Architecture a = net.architecture();
        assertEquals(a.layers(), Architecture.parse(a.toSpec()).layers());
        assertEquals("3-4sigmoid-1", Architecture.parse("3-4sigmoid-1linear").toSpec());
    }

    @Test
    void badSpecsSayWhatIsWrong() {
        assertEquals("architecture 'x-3' must start with the input size, was 'x'",
                assertThrows(IllegalArgumentException.class, () -> Architecture.parse("x-3")).getMessage());
        assertEquals("architecture '4-3foo': cannot read '3foo'; expected <units><activation> such as 128relu, <units>bn<activation> such as 128bnrelu, or d<rate> such as d0.5",
                assertThrows(IllegalArgumentException.class, () -> Architecture.parse("4-3foo")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Architecture.parse("4-d0.5"));
        assertThrows(IllegalArgumentException.class, () -> Architecture.parse("0-3"));
        assertThrows(IllegalArgumentException.class, () -> Architecture.parse("4-0relu"));
        assertThrows(IllegalArgumentException.class, () -> Architecture.parse("4-d1.5-3"));
        assertThrows(IllegalArgumentException.class, () -> Architecture.parse(""));
        assertThrows(IllegalArgumentException.class, () -> Architecture.parse("4-3tanh0.2"));
    }

    @Test
    void defaultInitFollowsTheActivation() {
        Architecture a = Architecture.parse("4-3relu-2");
        assertEquals(Init.HE_UNIFORM, a.initFor(Activation.Function.RELU));
        assertEquals(Init.XAVIER_UNIFORM, a.initFor(Activation.Function.TANH));
        assertEquals(Init.SEED_UNIFORM, Architecture.parse("4-3relu-2", true, Init.SEED_UNIFORM).initFor(Activation.Function.RELU));
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        assertArrayEquals(Network.of("5-4tanh-3", 7).snapshot()[0], Network.of("5-4tanh-3", 7).snapshot()[0]);
        assertNotEquals(Network.of("5-4tanh-3", 7).snapshot()[0][0], Network.of("5-4tanh-3", 8).snapshot()[0][0]);
    }

    @Test
    void predictIsDeterministicAndEqualsForwardInInference() {
        Network net = Network.of("6-d0.5-20relu-d0.5-3softmax", 2);
        Matrix x = TestData.uniform(2500, 6, -1, 1, 3); // more than one predict chunk
        Matrix a = net.predict(x), b = net.predict(x);
        assertTrue(a.contentEquals(b));
        Matrix direct = net.forward(x, Mode.INFERENCE).copy();
        assertTrue(direct.contentEquals(a));
        // a training pass draws dropout masks and gives something else
        assertTrue(!net.forward(x, Mode.training(new Rng(1))).contentEquals(a));
        int[] classes = net.predictClasses(x);
        assertEquals(2500, classes.length);
    }

    @Test
    void singleSigmoidOutputPredictsZeroOrOne() {
        Network net = Network.of("2-1sigmoid", 1);
        int[] c = net.predictClasses(Matrix.of(new double[][] {{100, 100}, {-100, -100}}));
        assertEquals(1, c[0] + c[1]);
    }

    @Test
    void wrongInputWidthIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> Network.of("5-3", 1).predict(Matrix.zeros(2, 4)));
        assertEquals("network input has 4 columns, expected 5 (shape (2, 4))", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Network.of("5-3", 1).restore(new float[1][]));
    }
}
