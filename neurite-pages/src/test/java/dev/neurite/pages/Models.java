package dev.neurite.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neurite.cli.Main;
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
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The models the pages are tried on: MNIST trained by the real command, and a small iris-like classifier. */
final class Models {
    static final List<String> IRIS_FEATURES = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");
    static final List<String> IRIS_CLASSES = List.of("setosa", "versicolor", "virginica");

    private Models() {}

    /** {@code neurite train} in this JVM; fails the test on a non-zero status, with what it printed. */
    static String cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, status, String.join(" ", args) + "\n" + out + err);
        return out.toString();
    }

    /** A 784-128relu-10softmax MNIST model, 2 epochs (about 97% on the test set). */
    static Path mnist(Path dir) {
        Path model = dir.resolve("mnist.neurite");
        cli("train", "--data", "mnist", "--hidden", "128", "--epochs", "2", "--no-report", "--quiet", "--out", model.toString());
        return model;
    }

    /** Three classes of four gaussian features (iris's names and scales), standardised, with the feature names saved. */
    static Path iris(Path dir) throws IOException {
        Random rnd = new Random(7);
        double[][] means = {{5.0, 3.4, 1.5, 0.2}, {5.9, 2.8, 4.3, 1.3}, {6.6, 3.0, 5.6, 2.0}};
        int n = 300;
        Matrix x = Matrix.zeros(n, 4);
        int[] labels = new int[n];
        for (int r = 0; r < n; r++) {
            labels[r] = r % 3;
            for (int c = 0; c < 4; c++) {
                x.set(r, c, (float) (means[labels[r]][c] + 0.25 * rnd.nextGaussian()));
            }
        }
        Normalization norm = Normalization.fitStandard(x);
        Matrix xn = norm.applyInPlace(x.copy());
        Network net = Network.of("4-16relu-3softmax", 7);
        Trainer.builder().epochs(20).batchSize(16).seed(7).optimizer(Adam.of(0.01)).build()
                .fit(net, Dataset.classification(xn, labels, 3, IRIS_CLASSES));
        Path out = dir.resolve("iris.neurite");
        ModelFile.save(new SavedModel(net, Loss.crossEntropy(), norm, IRIS_CLASSES, Map.of("data", "iris-like gaussians (300 rows)",
                "user.features", "[\"sepal_length\",\"sepal_width\",\"petal_length\",\"petal_width\"]")), out);
        return out;
    }
}
