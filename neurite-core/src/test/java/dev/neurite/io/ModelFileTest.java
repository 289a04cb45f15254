package dev.neurite.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import dev.neurite.data.Normalization;
import dev.neurite.layer.Init;
import dev.neurite.loss.Loss;
import dev.neurite.model.Architecture;
import dev.neurite.model.Network;
import dev.neurite.tensor.Matrix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path dir;

    private Path saved() throws IOException {
        return ModelFiles.saved(dir.resolve("m.neurite"));
    }

    @Test
    void saveThenLoadGivesIdenticalPredictionsAndEverythingElse() throws IOException {
        Network net = Architecture.parse("6-9lrelu0.2-4sigmoid", false, Init.HE_NORMAL).build(3);
        Path f = dir.resolve("net.neurite");
        ModelFile.save(new SavedModel(net, Loss.binaryCrossEntropy(), Normalization.fitMinMax(TestData.uniform(9, 6, 0, 5, 2)),
                null, Map.of("data", "x.csv", "epochs", "3")), f);
        SavedModel back = ModelFile.load(f);
        Matrix x = TestData.uniform(50, 6, -1, 1, 3);
        assertTrue(net.predict(x).contentEquals(back.network().predict(x)));
        assertEquals(net.architecture(), back.network().architecture());
        assertEquals(Loss.binaryCrossEntropy(), back.loss());
        assertEquals(Normalization.fitMinMax(TestData.uniform(9, 6, 0, 5, 2)), back.normalization());
        assertEquals(Map.of("data", "x.csv", "epochs", "3"), back.metadata());
        SavedModel named = ModelFile.load(saved());
        assertEquals(List.of("a", "b", "c"), named.classNames());
        assertEquals("4", named.metadata().get("seed"));
    }

    @Test
    void tensorsAreNamedAndShapedLikePyTorch() throws IOException {
        Path f = saved();
        byte[] b = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "the header is padded to 8 bytes");
        String header = new String(b, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.contains("\"1.weight\":{\"dtype\":\"F32\",\"shape\":[7,5],\"data_offsets\":[0,140]}"), header);
        assertTrue(header.contains("\"4.weight\":{\"dtype\":\"F32\",\"shape\":[3,7]"), header);
        assertTrue(header.contains("\"4.bias\""), header);
        // weight (out,in): the file's element [j][i] is Neurite's W[i][j]
        Network net = Network.of("5-d0.2-7tanh-d0.1-3softmax", 4);
        float fileElement = ByteBuffer.wrap(b, (int) (8 + n) + 4 * (2 * 5 + 3), 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        assertEquals(net.params().get(0).value().get(3, 2), fileElement);
    }

    @Test
    void saveReplacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path f = saved();
        byte[] before = Files.readAllBytes(f);
        Network other = Network.of("5-3softmax", 1);
        var e = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(new SavedModel(other, Loss.crossEntropy(),
                Normalization.none(5), null, Map.of("loss", "mine")), f));
        assertEquals("metadata key 'loss' is reserved for the format", e.getMessage());
        assertEquals(List.of(f.getFileName().toString()), list());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(f)), "a failed save leaves the old file intact");
        ModelFile.save(other, f);
        assertEquals(List.of(f.getFileName().toString()), list());
        assertEquals("5-3softmax", ModelFile.load(f).network().architecture().toSpec());
    }

    private List<String> list() throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Rewrites the header with {@code from} replaced by {@code to} (same or any length), keeping the data, re-signed. */
    private Path withHeader(Path f, String from, String to) throws IOException {
        return ModelFiles.edit(f, dir.resolve("edited.neurite"), from, to, true);
    }

    private String error(Path f) {
        String m = assertThrows(ModelFormatException.class, () -> ModelFile.load(f)).getMessage();
        assertTrue(m.startsWith(f + ": "), m);
        return m.substring(f.toString().length() + 2);
    }

    @Test
    void everyViolationIsNamed() throws IOException {
        Path f = saved();
        byte[] b = Files.readAllBytes(f);
        Path g = dir.resolve("bad.neurite");

        Files.write(g, java.util.Arrays.copyOf(b, 5));
        assertEquals("is 5 bytes long; a model file starts with an 8-byte header length", error(g));
        byte[] huge = b.clone();
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(0, Long.MAX_VALUE);
        Files.write(g, huge);
        assertTrue(error(g).startsWith("not a Neurite model file (safetensors layout): offset 0: header length 9223372036854775807 does not fit a file of"));
        Files.write(g, java.util.Arrays.copyOf(b, b.length - 4));
        assertTrue(error(g).startsWith("architecture 5-d0.2-7tanh-d0.1-3softmax needs 304 bytes of tensors, the file has 300"), error(g));
        byte[] flipped = b.clone();
        flipped[b.length - 3] ^= 0x40;
        Files.write(g, flipped);
        assertTrue(error(g).contains("but the header records") && error(g).endsWith("the file is corrupted"), error(g));

        assertTrue(error(withHeader(f, "\"F32\"", "\"F16\"")).endsWith("has dtype F16; Neurite models are F32"));
        assertTrue(error(withHeader(f, "{\"__metadata__\"", "[{\"__metadata__\"")).startsWith("the header is not valid JSON: JSON offset"));
        assertEquals("tensor '1.weight' has shape [5, 7], the architecture needs [7, 5]", error(withHeader(f, "[7,5]", "[5,7]")));
        assertEquals("tensor '1.weight' has data_offsets [0, 9999] outside the 304 data bytes", error(withHeader(f, "[0,140]", "[0,9999]")));
        assertEquals("tensor '1.bias' starts at data offset 136, expected 140 (it overlaps the one before)",
                error(withHeader(f, "[140,168]", "[136,164]")));
        assertEquals("format version 3 is not 2; it was written by a newer Neurite: upgrade to read it",
                error(withHeader(f, "\"format_version\":\"2\"", "\"format_version\":\"3\"")));
        assertEquals("metadata: format is 'other', expected 'neurite-model'",
                error(withHeader(f, "\"format\":\"neurite-model\"", "\"format\":\"other\"")));
        assertEquals("architecture 5-d0.2-7tanh-d0.1-3softmax needs 264 bytes of tensors, the file has 304 after its header",
                error(withHeader(f, "\"bias\":\"true\"", "\"bias\":\"false\"")));
        assertEquals("tensor '4.biases' is not part of the architecture (expected [1.weight, 1.bias, 4.weight, 4.bias,"
                + " normalization.shift, normalization.scale])", error(withHeader(f, "\"4.bias\"", "\"4.biases\"")));
        assertTrue(error(withHeader(f, "\"architecture\":\"5-d0.2-7tanh-d0.1-3softmax\"",
                "\"architecture\":\"5-d0.2-2000000000tanh-d0.1-2000000000softmax\"")).startsWith("architecture 5-d0.2-2000000000tanh"));
        assertEquals("metadata: class_names has 2 names, the network's output needs 3",
                error(withHeader(f, "[\\\"a\\\",\\\"b\\\",\\\"c\\\"]", "[\\\"a\\\",\\\"b\\\"]")));
        assertEquals("metadata: unknown loss 'hinge'; expected one of [sse, mse, cross-entropy, binary-cross-entropy]",
                error(withHeader(f, "\"loss\":\"cross-entropy\"", "\"loss\":\"hinge\"")));
    }

    @Test
    void hostileHeadersNeitherCrashNorAllocateBeyondTheFile() throws IOException {
        Path g = dir.resolve("hostile.neurite");
        String deep = "[".repeat(100_000);
        byte[] h = deep.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(8 + h.length).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h);
        Files.write(g, out.array());
        assertTrue(error(g).contains("nesting deeper than 32"), error(g));
        Files.write(g, new byte[] {2, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xfe});
        assertEquals("offset 8: the header is not valid UTF-8", error(g));
        Files.write(g, new byte[] {2, 0, 0, 0, 0, 0, 0, 0, '{', '}'});
        assertEquals("the header has no __metadata__ object; this is a safetensors file but not a Neurite model", error(g));
    }
}
