package dev.neurite.cli;

import static dev.neurite.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.data.Idx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Test and validation sets, and features normalisation cannot scale, are refused before training starts. */
class DataChecksTest {
    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static void assertRefusedBeforeTraining(CliTest.Run r, String... mentions) {
        OptionMessagesTest.assertRefused(r, mentions);
        assertFalse(r.out().contains("epoch 1"), "refused only after an epoch:\n" + r.out());
    }

    @Test
    void aTestFileWithOtherColumnsIsRefusedBeforeTheFirstEpoch() throws IOException {
        Path train = csv("train.csv", "a,b,y\n1,2,0\n2,1,1\n3,3,0\n0,1,1\n");
        Path narrow = csv("narrow.csv", "a,y\n1,0\n2,1\n"), model = dir.resolve("m.neurite");
        CliTest.Run r = run("train", "--train", train.toString(), "--test", narrow.toString(), "--out", model.toString());
        assertRefusedBeforeTraining(r, narrow + ": line 1: the columns are not those the model was trained on: missing 'b' (it"
                + " reads 'a', 'b', with the label 'y', by name, in any order)");
        assertFalse(Files.exists(model));
    }

    private void idx(String set, int[] labels) throws IOException {
        byte[] images = new byte[labels.length * 4], bytes = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            bytes[i] = (byte) labels[i];
            images[i * 4 + labels[i] % 4] = (byte) 200;
        }
        Idx.write(dir.resolve(set + "-images-idx3-ubyte"), new int[] {labels.length, 2, 2}, images);
        Idx.write(dir.resolve(set + "-labels-idx1-ubyte"), new int[] {labels.length}, bytes);
    }

    @Test
    void aTestClassTheTrainingDataNeverShowsIsRefusedBeforeTraining() throws IOException {
        idx("train", new int[] {0, 1, 0, 1, 0, 1, 0, 1});
        idx("t10k", new int[] {0, 1, 2, 1});
        CliTest.Run r = run("train", "--data", dir.toString(), "--epochs", "1");
        assertRefusedBeforeTraining(r, "the test data of " + dir, "example 3 has class 2", "no example of the training data");
    }

    @Test
    void anEmptyTestSetIsRefusedBeforeTraining() throws IOException {
        idx("train", new int[] {0, 1, 0, 1});
        idx("t10k", new int[0]);
        CliTest.Run r = run("train", "--data", dir.toString(), "--epochs", "1");
        // the IDX reader refuses the empty file itself, naming it, before any training
        assertRefusedBeforeTraining(r, dir.resolve("t10k-images-idx3-ubyte") + ": holds no items");
    }

    @Test
    void featuresTheNormalisationCannotScaleAreRefusedNamingFileAndFeature() throws IOException {
        Path huge = csv("huge.csv", "a,b,y\n1,3e38,0\n2,-3e38,1\n3,1,0\n0,2,1\n");
        assertRefusedBeforeTraining(run("train", "--train", huge.toString(), "--normalize", "min-max"),
                huge + ": --normalize min-max: feature 2 of 2", "too large");
        CliTest.Run none = run("train", "--train", huge.toString(), "--normalize", "none");
        assertRefusedBeforeTraining(none, huge + ": example 1, feature 2 is 3.0E38 after --normalize none", "--normalize standard");
        assertFalse(none.err().contains("learning rate"), none.err());
        Path tiny = csv("subnormal.csv", "a,b,y\n1,1e-45,0\n2,0,1\n3,1e-45,0\n0,0,1\n");
        for (String kind : new String[] {"min-max", "standard"}) {
            CliTest.Run r = run("train", "--train", tiny.toString(), "--normalize", kind);
            assertRefusedBeforeTraining(r, tiny + ": --normalize " + kind + ": feature 2 of 2", "too small");
            assertFalse(r.err().contains("learning rate"), r.err());
        }
        // the same huge values standardise fine: their standard deviation, 2.1e38, fits a float
        assertEquals(0, run("train", "--train", huge.toString(), "--epochs", "1").status());
    }

    @Test
    void aConstantFeatureIsTrainedOnAndMapsToZero() throws IOException {
        Path train = csv("constant.csv", "a,c,y\n1,7,0\n2,7,1\n3,7,0\n0,7,1\n");
        Path model = dir.resolve("c.neurite"), rows = csv("rows.csv", "a,c\n5,7\n1,9\n");
        for (String kind : new String[] {"min-max", "standard"}) {
            CliTest.Run r = run("train", "--train", train.toString(), "--normalize", kind, "--epochs", "2", "--quiet",
                    "--out", model.toString());
            assertEquals(0, r.status(), r.err());
            assertTrue(Files.isRegularFile(model));
            CliTest.Run p = run("predict", "--model", model.toString(), "--input", rows.toString());
            assertEquals(0, p.status(), p.err());
            assertFalse(p.out().contains("NaN") || p.out().contains("Infinity"), p.out());
        }
    }
}
