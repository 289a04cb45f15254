package dev.neurite.cli;

import static dev.neurite.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.io.ModelFile;
import dev.neurite.tensor.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code neurite train --batch-norm}: the architecture it builds, the model it saves, the runs it refuses. */
class BatchNormCliTest {
    @TempDir
    Path dir;

    /** Three Gaussian blobs in 4-D, far apart, with class names. */
    private Path blobs(String name, int n, long seed) throws IOException {
        Rng rng = new Rng(seed);
        StringBuilder sb = new StringBuilder("f1,f2,f3,f4,label\n");
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            for (int j = 0; j < 4; j++) {
                sb.append(String.format(Locale.ROOT, "%.3f,", 10 * c * (j % 2 == 0 ? 1 : -1) + 100 + 3 * rng.nextGaussian()));
            }
            sb.append("abc".charAt(c)).append('\n');
        }
        Path f = dir.resolve(name);
        Files.writeString(f, sb);
        return f;
    }

    @Test
    void trainsANormalizedNetworkSavesItsStatisticsAndExportsIt() throws Exception {
        Path train = blobs("train.csv", 300, 1), test = blobs("test.csv", 90, 2), model = dir.resolve("bn.neurite");
        CliTest.Run r = run("train", "--train", train.toString(), "--test", test.toString(), "--hidden", "16,8",
                "--batch-norm", "--epochs", "20", "--lr", "0.01", "--batch-size", "32", "--out", model.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("batchnorm(16)") && r.out().contains("batchnorm(8)"), r.out());
        assertEquals("4-16bnrelu-8bnrelu-3softmax", ModelFile.load(model).network().architecture().toSpec());
        CliTest.Run info = run("info", "--model", model.toString());
        assertEquals(0, info.status(), info.err());
        assertTrue(info.out().contains("4-16bnrelu-8bnrelu-3softmax"), info.out());
        CliTest.Run ev = run("evaluate", "--model", model.toString(), "--test", test.toString(), "--json");
        assertEquals(0, ev.status(), ev.err());
        java.util.regex.Matcher accuracy = java.util.regex.Pattern.compile("\"accuracy\":([0-9.]+)").matcher(ev.lastLine());
        assertTrue(accuracy.find() && Double.parseDouble(accuracy.group(1)) >= 0.95, ev.lastLine());
        Path onnx = dir.resolve("bn.onnx");
        CliTest.Run export = run("export", "--model", model.toString(), "--format", "onnx", "--out", onnx.toString());
        assertEquals(0, export.status(), export.err());
        assertTrue(new String(Files.readAllBytes(onnx), java.nio.charset.StandardCharsets.ISO_8859_1).contains("BatchNormalization"));
    }

    @Test
    void refusesWhatBatchNormCannotDoInOneLine() throws IOException {
        Path train = blobs("train.csv", 97, 1), model = dir.resolve("m.neurite");
        CliTest.Run last = run("train", "--train", train.toString(), "--batch-norm", "--batch-size", "32", "--out", model.toString());
        assertEquals(2, last.status(), last.err());
        assertTrue(last.err().contains("--batch-norm") && last.err().contains("97 training examples")
                && last.err().contains("--batch-size 32"), last.err());
        assertEquals(1, last.err().strip().lines().count(), last.err());
        assertFalse(Files.exists(model));
        CliTest.Run none = run("train", "--train", train.toString(), "--batch-norm", "--hidden", "0");
        assertEquals(2, none.status());
        assertTrue(none.err().contains("--batch-norm has no effect with --hidden 0"), none.err());
    }
}
