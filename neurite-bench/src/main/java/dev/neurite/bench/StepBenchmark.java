package dev.neurite.bench;

import dev.neurite.data.OneHot;
import dev.neurite.layer.Dense;
import dev.neurite.layer.Init;
import dev.neurite.layer.Mode;
import dev.neurite.loss.Loss;
import dev.neurite.model.Architecture;
import dev.neurite.model.Network;
import dev.neurite.optim.Optimizer;
import dev.neurite.optim.Sgd;
import dev.neurite.kernel.Kernels;
import dev.neurite.tensor.Matrix;
import dev.neurite.tensor.Rng;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Layers, fused kernels and a whole training step (forward, loss, backward, momentum update) of the
 * benchmark networks, one thread, on MNIST-like inputs (80% zeros, the rest in (0,1]).
 *
 * <pre>java -jar neurite-bench/target/benchmarks.jar StepBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class StepBenchmark {
    /** seed: 784-30tanh-10softmax at batch 50; wide: 784-d0.2-1024relu-d0.5-1024relu-d0.5-10softmax at batch 128. */
    @Param({"seed", "wide"})
    public String config;

    private Network net;
    private Dense dense;
    private Matrix x, y, dOut, logits, dLogits, z;
    private Loss loss;
    private Optimizer optimizer;
    private Mode training;

    @Setup
    public void setup() {
        boolean seed = config.equals("seed");
        int batch = seed ? 50 : 128;
        net = seed ? Architecture.parse("784-30tanh-10softmax", true, Init.SEED_UNIFORM).build(1)
                : Network.of("784-d0.2-1024relu-d0.5-1024relu-d0.5-10softmax", 1);
        Rng rng = new Rng(2);
        x = Matrix.zeros(batch, 784);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = rng.nextDouble() < 0.8 ? 0f : (float) rng.nextDouble();
        }
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = rng.nextInt(10);
        }
        y = OneHot.encode(labels, 10);
        loss = Loss.crossEntropy();
        optimizer = Sgd.momentum(seed ? 0.1 : 0.05, 0.9).create(net.params());
        training = Mode.training(new Rng(3));
        dOut = Matrix.zeros(batch, 10);
        dense = new Dense(0, 784, seed ? 30 : 1024, true, Init.HE_UNIFORM, new Rng(4));
        z = Matrix.zeros(batch, seed ? 30 : 1024);
        logits = Matrix.zeros(batch, 10);
        for (int i = 0; i < logits.size(); i++) {
            logits.data()[i] = (float) (rng.nextGaussian() * 3);
        }
        dLogits = Matrix.zeros(batch, 10);
    }

    /** One full training step; returns the loss so the work is not optimised away. */
    @Benchmark
    public double trainingStep() {
        Matrix out = net.forward(x, training, loss);
        double l = loss.evaluate(out, y, dOut);
        net.backward(dOut, loss);
        optimizer.step(0.05);
        return l;
    }

    /** The first dense layer's forward and backward (dW, db; no dX, as for a first layer). */
    @Benchmark
    public Matrix denseForwardBackward() {
        Matrix out = dense.forward(x, training);
        System.arraycopy(out.data(), 0, z.data(), 0, z.size());
        dense.backward(z, false);
        return dense.weight().grad();
    }

    /** Bias add and ReLU over the first layer's output, the memory-bound pass after the product. */
    @Benchmark
    public Matrix biasRelu() {
        Kernels.addRowVector(z, dense.bias().value().data());
        Kernels.relu(z.data(), z.data(), z.size());
        return z;
    }

    /** Softmax + cross-entropy, fused: loss and gradient (p − y)/B. */
    @Benchmark
    public double softmaxCrossEntropy() {
        return loss.evaluate(logits, y, dLogits);
    }
}
