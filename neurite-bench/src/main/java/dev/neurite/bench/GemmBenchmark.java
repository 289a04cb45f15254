package dev.neurite.bench;

import dev.neurite.kernel.Gemm;
import dev.neurite.tensor.Matrix;
import dev.neurite.tensor.Rng;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The three dense-layer products on the shapes of the seed network (batch 50, 784→30, 30→10), the wide
 * network (batch 128, 784→1024, 1024→1024) and 1024³. For shape m×k×n: forward is (m,k)·(k,n),
 * weightGradient is dW = xᵀ·dZ with x: (m,k), dZ: (m,n), and inputGradient is dX = dZ·Wᵀ. Each does
 * 2·m·k·n FLOP.
 *
 * <pre>java -jar neurite-bench/target/benchmarks.jar GemmBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class GemmBenchmark {
    /** m×k·k×n for the forward product. */
    @Param({"50x784x30", "50x30x10", "128x784x1024", "128x1024x1024", "1024x1024x1024"})
    public String shape;

    private Matrix x, w, z, dZ, dW, dX;

    @Setup
    public void setup() {
        String[] p = shape.split("x");
        int m = Integer.parseInt(p[0]), k = Integer.parseInt(p[1]), n = Integer.parseInt(p[2]);
        Rng rng = new Rng(1);
        x = random(m, k, rng);
        w = random(k, n, rng);
        dZ = random(m, n, rng);
        z = Matrix.zeros(m, n);
        dW = Matrix.zeros(k, n);
        dX = Matrix.zeros(m, k);
    }

    private static Matrix random(int rows, int cols, Rng rng) {
        Matrix m = Matrix.zeros(rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.data()[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return m;
    }

    @Benchmark
    public Matrix forward() {
        Gemm.mult(x, w, z);                 // z = x·W
        return z;
    }

    @Benchmark
    public Matrix weightGradient() {
        Gemm.multTransA(x, dZ, dW);         // dW = xᵀ·dZ
        return dW;
    }

    @Benchmark
    public Matrix inputGradient() {
        Gemm.multTransB(dZ, w, dX);         // dX = dZ·Wᵀ
        return dX;
    }
}
