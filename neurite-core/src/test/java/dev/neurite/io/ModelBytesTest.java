package dev.neurite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import dev.neurite.data.Normalization;
import dev.neurite.data.NormalizationKind;
import dev.neurite.loss.Loss;
import dev.neurite.model.Architecture;
import dev.neurite.model.ModelGraph;
import dev.neurite.model.Network;
import dev.neurite.tensor.Matrix;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBytesTest {
    @TempDir
    Path dir;

    private static SavedModel model() {
        Network net = Network.of("5-d0.2-7tanh-d0.1-3softmax", 4);
        Normalization norm = Normalization.fitStandard(TestData.uniform(20, 5, 2, 3, 1));
        return new SavedModel(net, Loss.crossEntropy(), norm, List.of("a", "b", "c"), Map.of("seed", "4"));
    }

    @Test
    void bytesRoundTripGivesTheSameModelAndAreExactlyTheFile() throws IOException {
        SavedModel m = model();
        byte[] bytes = ModelFile.toBytes(m);
        Path f = dir.resolve("m.neurite");
        ModelFile.save(m, f);
        assertArrayEquals(Files.readAllBytes(f), bytes);
        byte[] copy = bytes.clone();
        SavedModel back = ModelFile.fromBytes(bytes, "broadcast 3");
        assertArrayEquals(copy, bytes, "the input is not modified");
        Matrix x = TestData.uniform(40, 5, 0, 4, 2);
        assertTrue(m.network().predict(x).contentEquals(back.network().predict(x)));
        assertEquals(m.network().architecture(), back.network().architecture());
        assertEquals(m.normalization(), back.normalization());
        assertEquals(m.classNames(), back.classNames());
        assertEquals(m.metadata(), back.metadata());
        assertEquals(m.loss(), back.loss());
        assertArrayEquals(bytes, ModelFile.toBytes(back), "written again, byte for byte the same");
    }

    @Test
    void damagedBytesGiveAModelFormatExceptionNamingTheSource() {
        byte[] b = ModelFile.toBytes(model());
        assertEquals("upload 7: is 5 bytes long; a model file starts with an 8-byte header length",
                error(java.util.Arrays.copyOf(b, 5)));
        assertTrue(error(java.util.Arrays.copyOf(b, b.length - 4)).startsWith("upload 7: architecture 5-d0.2-7tanh-d0.1-3softmax"
                + " needs 304 bytes of tensors, the file has 300"));
        byte[] flipped = b.clone();
        flipped[b.length - 3] ^= 0x40;
        assertTrue(error(flipped).endsWith("the file is corrupted"));
        assertTrue(error(flipped).startsWith("upload 7: the tensor bytes have SHA-256 "));
        byte[] header = b.clone();
        header[20] ^= 0x01;
        assertTrue(error(header).startsWith("upload 7: "), error(header));
        assertEquals("upload 7: is 0 bytes long; a model file starts with an 8-byte header length", error(new byte[0]));
    }

    private static String error(byte[] bytes) {
        return assertThrows(ModelFormatException.class, () -> ModelFile.fromBytes(bytes, "upload 7")).getMessage();
    }

    @Test
    void aFileErrorStillNamesThePath() throws IOException {
        Path f = dir.resolve("short.neurite");
        Files.write(f, new byte[3]);
        assertEquals(f + ": is 3 bytes long; a model file starts with an 8-byte header length",
                assertThrows(ModelFormatException.class, () -> ModelFile.load(f)).getMessage());
    }

    @Test
    void aFileLargerThanAnArrayIsRefusedBeforeItIsRead() throws IOException {
        Path f = dir.resolve("huge.neurite");
        try (java.io.RandomAccessFile r = new java.io.RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(ModelFile.MAX_BYTES + 1L);                // sparse: no disk space used
        }
        assertEquals(f + ": is 2147483640 bytes long, more than the 2147483639 a model file may have",
                assertThrows(ModelFormatException.class, () -> ModelFile.load(f)).getMessage());
    }

    @Test
    void theFilesTensorsAreTheGraphsAndTheReaderExpectsExactlyThose() {
        for (String spec : new String[] {"5-d0.2-7tanh-d0.1-3softmax", "3-4-d0.5-2relu-1sigmoid", "2-d0.1-d0.2-3lrelu0.5-2"}) {
            for (boolean bias : new boolean[] {true, false}) {
                Architecture a = Architecture.parse(spec, bias, null);
                for (NormalizationKind kind : NormalizationKind.values()) {
                    Normalization norm = kind == NormalizationKind.NONE ? Normalization.none(a.inputSize())
                            : Normalization.fit(kind, TestData.uniform(6, a.inputSize(), 0, 2, 1));
                    SavedModel m = new SavedModel(a.build(1), Loss.meanSquaredError(), norm, null, Map.of());
                    String header = ModelFiles.header(ModelFile.toBytes(m));
                    List<String> inFile = new ArrayList<>();
                    for (ModelGraph.TensorSpec t : ModelGraph.tensorShapes(a, kind)) {
                        List<Integer> s = t.shape();
                        String shape = s.size() == 2 ? "[" + s.get(1) + "," + s.get(0) + "]" : s.toString();
                        assertTrue(header.contains("\"" + t.name() + "\":{\"dtype\":\"F32\",\"shape\":" + shape),
                                spec + " " + kind + ": " + t + " in " + header);
                        inFile.add(t.name());
                    }
                    assertEquals(inFile.size(), header.split("\"dtype\"").length - 1, "no other tensor: " + header);
                    assertEquals(m.graph().tensors().stream().map(dev.neurite.model.NamedTensor::name).toList(), inFile);
                }
            }
        }
    }

    @Test
    void loadingAllocatesASmallMultipleOfTheInput() throws IOException {
        Network net = Network.of("100-200relu-d0.5-50tanh-10softmax", 3);
        byte[] bytes = ModelFile.toBytes(SavedModel.of(net, Loss.crossEntropy()));
        ModelFile.fromBytes(bytes, "warm-up");
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        ModelFile.fromBytes(bytes, "measured");
        long allocated = bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertTrue(allocated < 6L * bytes.length, "loading " + bytes.length + " bytes allocated " + allocated);
    }
}
