package dev.neurite.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import dev.neurite.kernel.Parallelism;
import dev.neurite.tensor.Matrix;
import dev.neurite.tensor.Rng;
import org.junit.jupiter.api.Test;

/** BatchNorm against PyTorch's BatchNorm1d (numbers from tools/batchnorm/golden.py), shapes, threads. */
class BatchNormTest {
    // torch 2.13.0+cpu, BatchNorm1d(4, eps=1e-5, momentum=0.1), tools/batchnorm/golden.py
    static final float[] X = {1.6829419136047363f, 2.8185949325561523f, 2.2822399139404297f, 1.486395001411438f, -1.513604998588562f, -0.917848527431488f, 1.441169023513794f, 4.313973426818848f, 1.3139731884002686f, 2.9787166118621826f, 2.8242368698120117f, 1.9119577407836914f, -1.0880422592163086f, -0.9999803900718689f, 0.9268541932106018f, 3.840334177017212f, 0.8403340578079224f, 2.981214761734009f, 3.3005757331848145f, 2.4241933822631836f};
    static final float[] GAMMA = {1.5f, -0.5f, 0.75f, 2.0f};
    static final float[] BETA = {0.10000000149011612f, -0.20000000298023224f, 0.30000001192092896f, 0.0f};
    static final float[] MEAN0 = {0.5f, -1.0f, 0.25f, 2.0f};
    static final float[] VAR0 = {2.0f, 0.5f, 1.0f, 3.0f};
    static final float[] DOUT = {1.0f, -0.9899924993515015f, 0.9601702690124512f, -0.9111302495002747f, -0.416146844625473f, 0.28366219997406006f, -0.1455000340938568f, 0.004425697959959507f, -0.6536436080932617f, 0.7539022564888f, -0.83907151222229f, 0.9074468016624451f, 0.9601702690124512f, -0.9111302495002747f, 0.8438539505004883f, -0.7596879005432129f, -0.1455000340938568f, 0.004425697959959507f, 0.13673721253871918f, -0.27516335248947144f};
    static final float[] TRAIN_OUT = {1.7582364082336426f, -0.5797688364982605f, 0.40953412652015686f, -2.383946418762207f, -1.9334691762924194f, 0.40123939514160156f, -0.3145844340324402f, 2.765725612640381f, 1.3321127891540527f, -0.6218090057373047f, 0.876165509223938f, -1.6088985204696655f, -1.441985011100769f, 0.42280322313308716f, -0.7573829293251038f, 1.903119444847107f, 0.7851049900054932f, -0.6224648952484131f, 1.2862685918807983f, -0.6759994029998779f};
    static final float[] RUNNING_MEAN = {0.4747120141983032f, -0.7627860307693481f, 0.44050151109695435f, 2.0795369148254395f};
    static final float[] RUNNING_VAR = {2.010861873626709f, 0.9033361673355103f, 0.994857668876648f, 2.8507425785064697f};
    static final float[] DX = {0.9626202583312988f, 0.24199599027633667f, 0.6970922946929932f, -1.3989423513412476f, -0.6278536915779114f, -0.16262836754322052f, -0.4867520332336426f, 0.519579291343689f, -0.9419809579849243f, -0.2128565013408661f, -0.7025099396705627f, 1.950894832611084f, 0.9556644558906555f, 0.1495223492383957f, 0.2232118546962738f, -0.9141058921813965f, -0.34845003485679626f, -0.01603347808122635f, 0.26895803213119507f, -0.15742544829845428f};
    static final float[] DGAMMA = {0.07922966033220291f, 0.6816202402114868f, -1.3950238227844238f, -0.26771533489227295f};
    static final float[] DBETA = {0.7448797225952148f, -0.8591325879096985f, 0.9561898708343506f, -1.034109115600586f};
    static final float[] EVAL_OUT = {1.3780524730682373f, -2.0840542316436768f, 1.6848622560501099f, -0.7026010155677795f, -2.0032200813293457f, -0.1184263825416565f, 1.052433967590332f, 2.646782398223877f, 0.9877613186836243f, -2.1682894229888916f, 2.0924072265625f, -0.19850437343120575f, -1.5530643463134766f, -0.07521934062242508f, 0.6657041907310486f, 2.0857372283935547f, 0.4867510199546814f, -2.1696035861968994f, 2.4505815505981445f, 0.40825992822647095f};

    private static final double TOLERANCE = 2e-6;

    private static BatchNorm golden() {
        BatchNorm bn = new BatchNorm(0, 4);
        System.arraycopy(GAMMA, 0, bn.gamma().value().data(), 0, 4);
        System.arraycopy(BETA, 0, bn.beta().value().data(), 0, 4);
        System.arraycopy(MEAN0, 0, bn.runningMean().value().data(), 0, 4);
        System.arraycopy(VAR0, 0, bn.runningVar().value().data(), 0, 4);
        return bn;
    }

    private static void assertClose(float[] expected, Matrix actual, String what) {
        assertEquals(expected.length, actual.size(), what + " size");
        for (int i = 0; i < expected.length; i++) {
            double bound = TOLERANCE * Math.max(1, Math.abs(expected[i]));
            assertEquals(expected[i], actual.data()[i], bound, what + "[" + i + "]");
        }
    }

    @Test
    void trainingForwardBackwardAndRunningStatisticsMatchPyTorch() {
        BatchNorm bn = golden();
        Matrix out = bn.forward(Matrix.wrap(X.clone(), 5, 4), Mode.training(new Rng(1)));
        assertClose(TRAIN_OUT, out, "training output");
        assertClose(RUNNING_MEAN, bn.runningMean().value(), "running mean");
        assertClose(RUNNING_VAR, bn.runningVar().value(), "running variance (unbiased)");
        Matrix dX = bn.backward(Matrix.wrap(DOUT.clone(), 5, 4), true);
        assertClose(DX, dX, "dX");
        assertClose(DGAMMA, bn.gamma().grad(), "dGamma");
        assertClose(DBETA, bn.beta().grad(), "dBeta");
    }

    @Test
    void inferenceUsesTheRunningStatisticsAsPyTorchEvalDoes() {
        BatchNorm bn = golden();
        bn.forward(Matrix.wrap(X.clone(), 5, 4), Mode.training(new Rng(1)));
        float[] mean = bn.runningMean().value().data().clone();
        Matrix out = bn.forward(Matrix.wrap(X.clone(), 5, 4), Mode.INFERENCE);
        assertClose(EVAL_OUT, out, "inference output");
        assertArrayEquals(mean, bn.runningMean().value().data(), "inference leaves the running statistics alone");
        // inference backward goes through the fixed statistics: dX = γ/√(var + ε) · dOut
        Matrix dX = bn.backward(Matrix.wrap(DOUT.clone(), 5, 4), true);
        for (int j = 0; j < 4; j++) {
            double k = GAMMA[j] / Math.sqrt(RUNNING_VAR[j] + BatchNorm.EPSILON);
            assertEquals(k * DOUT[4 + j], dX.get(1, j), 1e-5);
        }
    }

    @Test
    void shapesBatchOfOneAndOddBatchesAndCallOrder() {
        BatchNorm bn = new BatchNorm(3, 7);
        assertThrows(IllegalStateException.class, () -> bn.backward(Matrix.zeros(2, 7), true));
        assertEquals(7, bn.forward(TestData.uniform(1, 7, -1, 1, 1), Mode.INFERENCE).cols());
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> bn.forward(TestData.uniform(1, 7, -1, 1, 1), Mode.training(new Rng(1))));
        assertTrue(one.getMessage().contains("at least 2 examples"), one.getMessage());
        Matrix odd = bn.forward(TestData.uniform(3, 7, -1, 1, 2), Mode.training(new Rng(1)));
        assertEquals("(3, 7)", odd.shape());
        for (int j = 0; j < 7; j++) {                          // γ = 1, β = 0: each column has mean 0
            double sum = 0;
            for (int r = 0; r < 3; r++) {
                sum += odd.get(r, j);
            }
            assertEquals(0, sum, 1e-5);
        }
        assertNull(bn.backward(Matrix.zeros(3, 7), false));
        assertThrows(IllegalArgumentException.class, () -> bn.forward(Matrix.zeros(4, 6), Mode.INFERENCE));
        assertEquals(java.util.List.of("3.weight", "3.bias"), bn.params().stream().map(Param::name).toList());
        assertEquals(java.util.List.of("3.running_mean", "3.running_var"), bn.buffers().stream().map(Buffer::name).toList());
        assertTrue(bn.params().stream().noneMatch(Param::weight), "γ and β are not regularised");
    }

    @Test
    void oneAndTwoThreadsGiveIdenticalBits() {
        int rows = 70, n = 1100;                   // wide enough that two threads split the columns
        Matrix x = TestData.uniform(rows, n, -3, 5, 4), dOut = TestData.uniform(rows, n, -1, 1, 5);
        BatchNorm serial = new BatchNorm(0, n), parallel = new BatchNorm(0, n);
        float[][] a, b;
        try (Parallelism two = Parallelism.of(2)) {
            parallel.parallelism(two);
            a = run(serial, x, dOut);
            b = run(parallel, x, dOut);
        }
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], "tensor " + i);
        }
    }

    private static float[][] run(BatchNorm bn, Matrix x, Matrix dOut) {
        float[] out = bn.forward(x, Mode.training(new Rng(1))).data().clone();
        float[] dX = bn.backward(dOut, true).data().clone();
        float[] inferred = bn.forward(x, Mode.INFERENCE).data().clone();
        return new float[][] {out, dX, bn.gamma().grad().data().clone(), bn.beta().grad().data().clone(),
                bn.runningMean().value().data().clone(), bn.runningVar().value().data().clone(), inferred};
    }

    @Test
    void sharingParamsSharesStatisticsAndOwnsBuffers() {
        BatchNorm bn = golden();
        BatchNorm other = bn.sharingParams();
        bn.forward(Matrix.wrap(X.clone(), 5, 4), Mode.training(new Rng(1)));
        assertClose(EVAL_OUT, other.forward(Matrix.wrap(X.clone(), 5, 4), Mode.INFERENCE), "shared running statistics");
    }
}
