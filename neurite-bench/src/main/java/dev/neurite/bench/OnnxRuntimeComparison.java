package dev.neurite.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.neurite.data.Mnist;
import dev.neurite.io.Json;
import dev.neurite.io.SavedModel;
import dev.neurite.kernel.Gemm;
import dev.neurite.kernel.Parallelism;
import dev.neurite.layer.Mode;
import dev.neurite.loss.Loss;
import dev.neurite.metrics.Evaluation;
import dev.neurite.model.Network;
import dev.neurite.optim.Adam;
import dev.neurite.onnx.OnnxExport;
import dev.neurite.tensor.Matrix;
import dev.neurite.train.Trainer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;

/**
 * Neurite against ONNX Runtime's Java API on the same exported networks, in the same JVM: single-example
 * latency and batch-1000 throughput on MNIST test images, one thread and two (docs/performance.md,
 * "Against ONNX Runtime (Java API)").
 *
 * <p>Each network (random weights from seed 1, or with {@code trained} one epoch of Adam on MNIST's training
 * set from those weights: a trained ReLU network's hidden units are mostly zero, which Neurite's sparse
 * kernels skip and ORT's dense ones do not) is exported by {@link OnnxExport} to bytes and opened in an
 * ORT session with intra-op threads = the thread count, inter-op 1, sequential execution and all graph
 * optimisations. After a 2 s warm-up of each engine and each path, the rounds interleave the engines
 * (the order alternates from round to round); each figure is the median of the rounds.
 *
 * <p>ORT's single-example call, as a Java caller makes it: the example is copied into a reused direct
 * {@link FloatBuffer}, an {@link OnnxTensor} is created over it (zero-copy) and closed, the session runs,
 * one output value is read. {@code ort-reused} also reports a tensor created once and reused (its buffer
 * rewritten), which ORT allows. Neurite's call copies the example into a reused 1×784 matrix and runs
 * {@code forward(x, INFERENCE)}. One JSON line per measurement.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp neurite-bench/target/benchmarks.jar dev.neurite.bench.OnnxRuntimeComparison [rounds] [random|trained]</pre>
 */
public final class OnnxRuntimeComparison {
    private static final String[] MODELS = {"784-128relu-10softmax", "784-1024relu-1024relu-10softmax"};
    private static final int FEATURES = 784, BATCH = 1000;

    private static float sink;

    private OnnxRuntimeComparison() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        String weights = args.length > 1 ? args[1] : "random";
        if (!weights.equals("random") && !weights.equals("trained")) {
            System.err.println("OnnxRuntimeComparison: weights must be random or trained, was '" + weights + "'");
            System.exit(2);
        }
        Mnist mnist = Mnist.load();
        float[] x = mnist.test().x().data();                              // 10,000 × 784, in [0, 1]
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        System.out.println(new Json().put("java", Runtime.version().toString()).put("kernels", Gemm.path())
                .put("cores", Runtime.getRuntime().availableProcessors()).put("ort", env.getVersion())
                .put("rounds", rounds).put("weights", weights));
        for (String spec : MODELS) {
            Network net = Network.of(spec, 1);
            if (weights.equals("trained")) {
                Trainer.builder().epochs(1).batchSize(128).seed(1).optimizer(Adam.of(0.001))
                        .loss(Loss.crossEntropy()).threads(2).build().fit(net, mnist.train());
                System.out.println(new Json().put("model", spec).put("trained_test_accuracy",
                        Evaluation.of(net, mnist.test()).accuracy()));
            }
            for (int threads = 1; threads <= 2; threads++) {
                run(env, spec, net, threads, x, rounds);
            }
        }
        if (Float.isNaN(sink)) {
            throw new IllegalStateException("NaN output");
        }
    }

    private static void run(OrtEnvironment env, String spec, Network net, int threads, float[] x, int rounds) throws Exception {
        byte[] onnx = OnnxExport.toBytes(SavedModel.of(net, Loss.crossEntropy()), new OnnxExport.Options(13, false, null));
        try (Parallelism par = Parallelism.of(threads);
             OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            net.parallelism(par);
            so.setIntraOpNumThreads(threads);
            so.setInterOpNumThreads(1);
            so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            try (OrtSession session = env.createSession(onnx, so)) {
                try (Engines e = new Engines(env, session, net, x)) {
                    double diff = e.maxAbsDiff();
                    if (!(diff < 1e-4)) {
                        throw new IllegalStateException(spec + ": Neurite and ORT differ by " + diff);
                    }
                    // warm-up, 2 s each path, then a count per round sized from the warm-up rate (~0.3 s a round)
                    int nSingle = Math.max(200, (int) (0.3 / warm(e::neuriteSingle)));
                    int nOrtSingle = Math.max(200, (int) (0.3 / warm(e::ortSingle)));
                    int nOrtReused = Math.max(200, (int) (0.3 / warm(e::ortSingleReused)));
                    int nBatch = Math.max(3, (int) (0.4 / warm(e::neuriteBatch)));
                    int nOrtBatch = Math.max(3, (int) (0.4 / warm(e::ortBatch)));
                    double[][] t = new double[5][rounds];
                    for (int r = 0; r < rounds; r++) {
                        if (r % 2 == 0) {
                            t[0][r] = time(e::neuriteSingle, nSingle);
                            t[1][r] = time(e::ortSingle, nOrtSingle);
                            t[2][r] = time(e::ortSingleReused, nOrtReused);
                            t[3][r] = time(e::neuriteBatch, nBatch);
                            t[4][r] = time(e::ortBatch, nOrtBatch);
                        } else {
                            t[4][r] = time(e::ortBatch, nOrtBatch);
                            t[3][r] = time(e::neuriteBatch, nBatch);
                            t[2][r] = time(e::ortSingleReused, nOrtReused);
                            t[1][r] = time(e::ortSingle, nOrtSingle);
                            t[0][r] = time(e::neuriteSingle, nSingle);
                        }
                    }
                    String[] engines = {"neurite", "ort", "ort-reused", "neurite", "ort"};
                    int[] calls = {nSingle, nOrtSingle, nOrtReused, nBatch, nOrtBatch};
                    for (int k = 0; k < 5; k++) {
                        boolean single = k < 3;
                        double[] v = new double[rounds];
                        for (int r = 0; r < rounds; r++) {
                            v[r] = single ? t[k][r] * 1e6 : BATCH / t[k][r];      // µs per call, samples/s
                        }
                        double[] sorted = v.clone();
                        Arrays.sort(sorted);
                        double median = rounds % 2 == 1 ? sorted[rounds / 2] : (sorted[rounds / 2 - 1] + sorted[rounds / 2]) / 2;
                        System.out.println(new Json().put("model", spec).put("threads", threads).put("engine", engines[k])
                                .put("measure", single ? "single_latency_us" : "batch1000_samples_per_s")
                                .put("median", median).put("min", sorted[0]).put("max", sorted[rounds - 1])
                                .put("rounds", rounds).put("calls_per_round", calls[k])
                                .put("max_abs_diff", diff));
                        System.out.flush();
                    }
                }
            } finally {
                net.parallelism(Parallelism.SERIAL);
            }
        }
    }

    private interface Call {
        void call(int i) throws OrtException;
    }

    /** Runs {@code c} for 2 s; returns the seconds per call. */
    private static double warm(Call c) throws OrtException {
        long start = System.nanoTime(), until = start + 2_000_000_000L;
        int i = 0;
        while (System.nanoTime() < until) {
            c.call(i++);
        }
        return (System.nanoTime() - start) / 1e9 / i;
    }

    /** Seconds per call over {@code n} calls. */
    private static double time(Call c, int n) throws OrtException {
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            c.call(i);
        }
        return (System.nanoTime() - t) / 1e9 / n;
    }

    /** The two engines' calls on one network, with their reused buffers. */
    private static final class Engines implements AutoCloseable {
        final OrtEnvironment env;
        final OrtSession session;
        final Network net;
        final float[] x;
        final Matrix one = Matrix.zeros(1, FEATURES), batch = Matrix.zeros(BATCH, FEATURES);
        final FloatBuffer oneBuf = direct(FEATURES), batchBuf = direct(BATCH * FEATURES);
        final long[] oneShape = {1, FEATURES}, batchShape = {BATCH, FEATURES};
        final OnnxTensor reused;
        final String input;

        Engines(OrtEnvironment env, OrtSession session, Network net, float[] x) throws OrtException {
            this.env = env;
            this.session = session;
            this.net = net;
            this.x = x;
            this.input = session.getInputNames().iterator().next();
            this.reused = OnnxTensor.createTensor(env, oneBuf, oneShape);
        }

        @Override
        public void close() {
            reused.close();
        }

        private static FloatBuffer direct(int n) {
            return ByteBuffer.allocateDirect(n * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }

        void neuriteSingle(int i) {
            System.arraycopy(x, (i % 10_000) * FEATURES, one.data(), 0, FEATURES);
            sink += net.forward(one, Mode.INFERENCE).get(0, 0);
        }

        void ortSingle(int i) throws OrtException {
            oneBuf.clear();
            oneBuf.put(x, (i % 10_000) * FEATURES, FEATURES).flip();
            try (OnnxTensor t = OnnxTensor.createTensor(env, oneBuf, oneShape);
                 OrtSession.Result r = session.run(Collections.singletonMap(input, t))) {
                sink += ((OnnxTensor) r.get(0)).getFloatBuffer().get(0);
            }
        }

        void ortSingleReused(int i) throws OrtException {
            oneBuf.clear();
            oneBuf.put(x, (i % 10_000) * FEATURES, FEATURES).flip();          // the tensor reads this memory
            try (OrtSession.Result r = session.run(Collections.singletonMap(input, reused))) {
                sink += ((OnnxTensor) r.get(0)).getFloatBuffer().get(0);
            }
        }

        void neuriteBatch(int i) {
            System.arraycopy(x, (i % 10) * BATCH * FEATURES, batch.data(), 0, BATCH * FEATURES);
            sink += net.forward(batch, Mode.INFERENCE).get(0, 0);
        }

        void ortBatch(int i) throws OrtException {
            batchBuf.clear();
            batchBuf.put(x, (i % 10) * BATCH * FEATURES, BATCH * FEATURES).flip();
            try (OnnxTensor t = OnnxTensor.createTensor(env, batchBuf, batchShape);
                 OrtSession.Result r = session.run(Collections.singletonMap(input, t))) {
                sink += ((OnnxTensor) r.get(0)).getFloatBuffer().get(0);
            }
        }

        /** The largest |Neurite − ORT| over the first 1000 test images, as one batch and 50 single calls. */
        double maxAbsDiff() throws OrtException {
            double max = 0;
            System.arraycopy(x, 0, batch.data(), 0, BATCH * FEATURES);
            Matrix want = net.forward(batch, Mode.INFERENCE);
            batchBuf.clear();
            batchBuf.put(x, 0, BATCH * FEATURES).flip();
            try (OnnxTensor t = OnnxTensor.createTensor(env, batchBuf, batchShape);
                 OrtSession.Result r = session.run(Map.of(input, t))) {
                float[][] got = (float[][]) r.get(0).getValue();
                for (int i = 0; i < BATCH; i++) {
                    for (int c = 0; c < want.cols(); c++) {
                        max = Math.max(max, Math.abs(want.get(i, c) - got[i][c]));
                    }
                }
            }
            for (int i = 0; i < 50; i++) {
                System.arraycopy(x, i * FEATURES, one.data(), 0, FEATURES);
                Matrix w = net.forward(one, Mode.INFERENCE);
                oneBuf.clear();
                oneBuf.put(x, i * FEATURES, FEATURES).flip();
                try (OnnxTensor t = OnnxTensor.createTensor(env, oneBuf, oneShape);
                     OrtSession.Result r = session.run(Map.of(input, t));
                     OrtSession.Result r2 = session.run(Map.of(input, reused))) {   // the reused tensor sees the new example
                    float[][] got = (float[][]) r.get(0).getValue(), got2 = (float[][]) r2.get(0).getValue();
                    for (int c = 0; c < w.cols(); c++) {
                        max = Math.max(max, Math.max(Math.abs(w.get(0, c) - got[0][c]), Math.abs(w.get(0, c) - got2[0][c])));
                    }
                }
            }
            return max;
        }
    }
}
