package dev.neurite.cli;

import dev.neurite.io.Json;
import dev.neurite.data.Dataset;
import dev.neurite.data.Mnist;
import dev.neurite.layer.Init;
import dev.neurite.layer.Mode;
import dev.neurite.loss.Loss;
import dev.neurite.metrics.Evaluation;
import dev.neurite.model.Architecture;
import dev.neurite.model.Network;
import dev.neurite.optim.Sgd;
import dev.neurite.kernel.Gemm;
import dev.neurite.tensor.Matrix;
import dev.neurite.kernel.Parallelism;
import dev.neurite.train.EpochStats;
import dev.neurite.train.History;
import dev.neurite.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neurite bench}: end-to-end figures on MNIST for the configurations of
 * {@code ../shared/bench/peers/peers.py}, with the same keys, so that {@code bench/compare} can set
 * them side by side.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure training and inference speed on MNIST, on the peers' configurations.",
                "  seed : 784-30-10 tanh, softmax + cross-entropy, SGD lr 0.1 momentum 0.9, batch 50",
                "  wide : 784-1024-1024-10 ReLU, dropout 0.2/0.5, SGD lr 0.05 momentum 0.9, batch 128",
                "  infer: 784-128-10 ReLU, single-sample latency and batch-1000 throughput",
                "Epoch times are medians over the epochs after the first."})
final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "Fewer epochs (seed 3, wide 2), as peers.py --quick.")
    boolean quick;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the kernels (default: the machine's cores, here ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--config", split = ",", paramLabel = "seed,wide,infer", description = "Which configurations (default: all).")
    String[] configs = {"seed", "wide", "infer"};

    @Option(names = "--data", paramLabel = "DIR", description = "A folder with the four MNIST files (default: the cache, fetched once).")
    Path data;

    @Option(names = "--json", description = "One JSON object per configuration, with peers.py's keys, instead of the table.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        OptionChecks.atMost("--threads", threads, TrainCommand.MAX_THREADS, "threads for the kernels");
        for (String config : configs) {
            OptionChecks.oneOf("--config", config, java.util.List.of("seed", "wide", "infer"));
        }
        OptionChecks.ignored(quick && java.util.Arrays.stream(configs).allMatch("infer"::equals), "--quick",
                "with --config infer (it shortens the training configurations only)");
        PrintWriter out = spec.commandLine().getOut();
        Mnist mnist = Mnist.load(data, line -> {
            out.println(line);
            out.flush();
        });
        if (!json) {
            out.printf(Locale.ROOT, "Neurite %s, %s kernels, %d thread%s, Java %s%n", Main.version(), Gemm.path(), threads,
                    threads == 1 ? "" : "s", Runtime.version());
        }
        BenchTable table = new BenchTable(out);
        for (String config : configs) {
            Json result = switch (config) {
                case "seed" -> train(mnist, "seed", Architecture.parse("784-30tanh-10softmax", true, Init.SEED_UNIFORM),
                        0.1, 50, quick ? 3 : 6, table);
                case "wide" -> train(mnist, "wide", Architecture.parse("784-d0.2-1024relu-d0.5-1024relu-d0.5-10softmax"),
                        0.05, 128, quick ? 2 : 3, table);
                default -> infer(mnist.test(), table);
            };
            if (json) {
                out.println(result);
            }
            out.flush();
        }
        return 0;
    }

    private Json train(Mnist mnist, String config, Architecture arch, double lr, int batch, int epochs, BenchTable table) {
        Network net = arch.build(1);
        Trainer trainer = Trainer.builder().epochs(epochs).batchSize(batch).seed(1).threads(threads)
                .optimizer(Sgd.momentum(lr, 0.9)).loss(Loss.crossEntropy()).build();
        History h = trainer.fit(net, mnist.train());
        double[] times = h.epochs().stream().skip(epochs > 1 ? 1 : 0).mapToDouble(EpochStats::seconds).sorted().toArray();
        double median = times.length % 2 == 1 ? times[times.length / 2]
                : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
        double acc = Evaluation.of(net, mnist.test()).accuracy();
        if (!json) {
            table.training(config, epochs, median, mnist.train().size() / median, acc);
        }
        return new Json().put("peer", "neurite-" + Main.version()).put("config", config).put("threads", threads)
                .put("epoch_s", median).put("samples_per_s", mnist.train().size() / median).put("epochs", epochs)
                .put("test_accuracy", acc).put("kernels", Gemm.path());
    }

    private Json infer(Dataset test, BenchTable table) {
        Network net = Network.of("784-128relu-10softmax", 1);
        try (Parallelism par = Parallelism.of(threads)) {
            net.parallelism(par);
            // One example at a time is copied into the network's input matrix inside the timed loop, as a server
            // copies a request's values (0.09 µs of the figure). The batches are made before anything is timed, as
            // the peers' are (PyTorch slices its test tensor, a view): copying 1,000 rows into one matrix inside
            // the timed loop cost 0.3-0.4 ms per batch here, a third of the batch's time.
            float[] x = test.x().data();
            int images = Math.min(10_000, test.size());
            int batches = Math.max(1, images / 1000);
            Matrix[] batch = new Matrix[batches];
            for (int b = 0; b < batches; b++) {
                batch[b] = Matrix.zeros(1000, 784);
                for (int r = 0; r < 1000; r++) {
                    System.arraycopy(x, ((b * 1000 + r) % images) * 784, batch[b].data(), r * 784, 784);
                }
            }
            Matrix one = Matrix.zeros(1, 784);
            float sink = 0;
            int n = 20_000;
            // warm-up: the JIT compiles the vector kernels after a second or so of calls; 20,000 calls (60 ms)
            // measured a mix of interpreted and compiled code, 2.6 to 3.5 µs from run to run
            long warmUntil = System.nanoTime() + 2_000_000_000L;
            for (int i = 0; System.nanoTime() < warmUntil; i++) {
                System.arraycopy(x, (i % images) * 784, one.data(), 0, 784);
                sink += net.forward(one, Mode.INFERENCE).get(0, 0);
            }
            double latency = 0;
            for (int round = 0; round < 2; round++) {           // the second round is the figure
                long t = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    System.arraycopy(x, (i % images) * 784, one.data(), 0, 784);
                    sink += net.forward(one, Mode.INFERENCE).get(0, 0);
                }
                latency = (System.nanoTime() - t) / 1e3 / n;
            }
            // the batched path's kernels (SparseTiles' tiles, the row-split softmax) are others than the single
            // sample's, compiled in their turn: 60 batches (a mix of interpreted and compiled code) measured
            // 0.77M-1.3M samples/s in runs where 2 s of warm-up batches measured 1.4M-1.7M
            long batchWarmUntil = System.nanoTime() + 2_000_000_000L;
            for (int r = 0; System.nanoTime() < batchWarmUntil; r++) {
                sink += net.forward(batch[r % batches], Mode.INFERENCE).get(0, 0);
            }
            int reps = 100;
            long t2 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                sink += net.forward(batch[r % batches], Mode.INFERENCE).get(0, 0);
            }
            double throughput = reps * 1000 / ((System.nanoTime() - t2) / 1e9);
            if (Float.isNaN(sink)) {
                throw new IllegalStateException("inference produced NaN");
            }
            if (!json) {
                table.inference(latency, throughput);
            }
            return new Json().put("peer", "neurite-" + Main.version()).put("config", "infer").put("threads", threads)
                    .put("single_latency_us", latency).put("batch1000_samples_per_s", throughput)
                    .put("kernels", Gemm.path());
        } finally {
            net.parallelism(Parallelism.SERIAL);
        }
    }
}
