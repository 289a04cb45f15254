package dev.neurite.serve;

import dev.neurite.data.Dataset;
import dev.neurite.data.Normalization;
import dev.neurite.io.ModelFile;
import dev.neurite.io.SavedModel;
import dev.neurite.loss.Loss;
import dev.neurite.model.Network;
import dev.neurite.optim.Adam;
import dev.neurite.tensor.Matrix;
import dev.neurite.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Tiny models trained in a second, saved for the server to read. */
final class Fixtures {
    static final int FEATURES = 6, CLASSES = 3;

    private Fixtures() {}

    /** A 6-16relu-3softmax classifier with class names a, b, c, standardised inputs, trained for a few epochs. */
    static Path classifier(Path dir, String file, long seed) throws IOException {
        Random rnd = new Random(seed);
        int n = 300;
        Matrix x = Matrix.zeros(n, FEATURES);
        int[] labels = new int[n];
        for (int r = 0; r < n; r++) {
            labels[r] = r % CLASSES;
            for (int c = 0; c < FEATURES; c++) {
                x.set(r, c, (float) (rnd.nextGaussian() + (c % CLASSES == labels[r] ? 2 : 0) + 10));
            }
        }
        Normalization norm = Normalization.fitStandard(x);
        Matrix xn = norm.applyInPlace(x.copy());
        Network net = Network.of(FEATURES + "-16relu-" + CLASSES + "softmax", seed);
        Trainer.builder().epochs(3).batchSize(32).seed(seed).optimizer(Adam.of(0.01)).build()
                .fit(net, Dataset.classification(xn, labels, CLASSES, List.of("a", "b", "c")));
        Path out = dir.resolve(file);
        ModelFile.save(new SavedModel(net, Loss.crossEntropy(), norm, List.of("a", "b", "c"),
                Map.of("user.features", "[\"f0\",\"f1\",\"f2\",\"f3\",\"f4\",\"f5\"]")), out);
        return out;
    }

    /** A 3-8tanh-2 regression with target names, trained for a few epochs. */
    static Path regression(Path dir) throws IOException {
        Random rnd = new Random(3);
        int n = 200;
        Matrix x = Matrix.zeros(n, 3), y = Matrix.zeros(n, 2);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < 3; c++) {
                x.set(r, c, (float) rnd.nextGaussian());
            }
            y.set(r, 0, x.get(r, 0) + x.get(r, 1));
            y.set(r, 1, x.get(r, 2) * 0.5f);
        }
        Network net = Network.of("3-8tanh-2", 5);
        Trainer.builder().epochs(3).batchSize(20).seed(5).optimizer(Adam.of(0.01)).loss(Loss.meanSquaredError()).build()
                .fit(net, Dataset.regression(x, y, List.of("sum", "half")));
        Path out = dir.resolve("reg.neurite");
        ModelFile.save(new SavedModel(net, Loss.meanSquaredError(), Normalization.none(3), null,
                Map.of(SavedModel.TARGETS, SavedModel.targetsJson(List.of("sum", "half")))), out);
        return out;
    }

    /** Random feature rows around the training data. */
    static float[] rows(Random rnd, int rows) {
        float[] x = new float[rows * FEATURES];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) (rnd.nextGaussian() * 2 + 10.5);
        }
        return x;
    }

    /** An infer body for these rows, FP32, shape [rows, 6]. */
    static String body(String id, float[] x) {
        StringBuilder b = new StringBuilder("{\"id\":\"").append(id).append("\",\"inputs\":[{\"name\":\"input\",\"shape\":[")
                .append(x.length / FEATURES).append(',').append(FEATURES).append("],\"datatype\":\"FP32\",\"data\":[");
        for (int k = 0; k < x.length; k++) {
            b.append(k > 0 ? "," : "").append(x[k]);
        }
        return b.append("]}]}").toString();
    }

    /** Server options for these models on a free loopback port, short bounds for tests. */
    static ServeOptions options(Map<String, Path> models) {
        return ServeOptions.of(models).withPort(0).withLimits(1024, 1 << 20, 4096, 10_000);
    }
}
