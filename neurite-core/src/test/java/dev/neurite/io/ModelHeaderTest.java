package dev.neurite.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.data.Normalization;
import dev.neurite.loss.Loss;
import dev.neurite.model.Network;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header is covered by its checksum, and everything in it is strict: keys, version, architecture, numbers. */
class ModelHeaderTest {
    @TempDir
    Path dir;

    private Path saved() throws IOException {
        return ModelFiles.saved(dir.resolve("m.neurite"));
    }

    private String error(Path f) {
        String m = assertThrows(ModelFormatException.class, () -> ModelFile.load(f)).getMessage();
        assertTrue(m.startsWith(f + ": "), m);
        return m.substring(f.toString().length() + 2);
    }

    private Path edit(Path f, String from, String to, boolean sign) throws IOException {
        return ModelFiles.edit(f, dir.resolve("edited.neurite"), from, to, sign);
    }

    @Test
    void theChecksumIsPythonsCanonicalJsonOfTheHeaderWithoutIt() {
        // expected value from: json.dumps(h, sort_keys=True, separators=(",", ":")), header_sha256 removed, SHA-256
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format", "neurite-model");
        meta.put("name", "café\n\"q\"");
        meta.put("header_sha256", "x");
        Map<String, Object> tensor = new LinkedHashMap<>();
        tensor.put("dtype", "F32");
        tensor.put("shape", List.of(1L, 2L));
        tensor.put("data_offsets", List.of(0L, 8L));
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("__metadata__", meta);
        header.put("0.weight", tensor);
        assertEquals("98e0417e680c06e9ddb46caedb1adb26ee6daf9c9b0d18c716d1629bffdffb89", ModelHeader.sha256(header));
    }

    @Test
    void oneChangedByteAnywhereInTheHeaderIsRefused() throws IOException {
        Path f = saved();
        String corrupted = "the header is corrupted";
        assertTrue(error(edit(f, "\"class_names\"", "\"class_name\\u007f\"", false)).endsWith(corrupted));
        assertTrue(error(edit(f, "7tanh", "7relu", false)).endsWith(corrupted));
        assertTrue(error(edit(f, "-3softmax\"", "-3\"", false)).endsWith(corrupted));
        assertTrue(error(edit(f, "\"bias\":\"true\"", "\"bias\":\"tru\"", false)).endsWith(corrupted));
        String h = ModelFiles.header(Files.readAllBytes(f));          // swap the normalisation's shift and scale
        String shift = h.substring(h.indexOf("\"normalization.shift\""), h.indexOf('}', h.indexOf("\"normalization.shift\"")));
        String offsets = shift.substring(shift.indexOf("\"data_offsets\""));
        String scale = h.substring(h.indexOf("\"normalization.scale\""), h.indexOf('}', h.indexOf("\"normalization.scale\"")));
        String other = scale.substring(scale.indexOf("\"data_offsets\""));
        Path swapped = edit(f, shift, shift.replace(offsets, other), false);
        swapped = ModelFiles.edit(swapped, dir.resolve("swapped.neurite"), scale, scale.replace(other, offsets), false);
        assertTrue(error(swapped).endsWith(corrupted), error(swapped));
        assertTrue(error(edit(f, "\"header_sha256\"", "\"header_sha257\"", false)).contains("'header_sha256' is missing"));
    }

    @Test
    void unknownKeysAreRefusedEvenWithAValidChecksum() throws IOException {
        Path f = saved();
        assertEquals("metadata: unknown key 'class_name\\u007f' (did you mean 'class_names'?); a model's own keys start with 'user.'",
                error(edit(f, "\"class_names\"", "\"class_name\\u007f\"", true)));
        assertTrue(error(edit(f, "\"seed\"", "\"sed\"", true)).startsWith("metadata: unknown key 'sed'"));
        assertTrue(error(edit(f, "\"1.weight\":{\"dtype\"", "\"1.weight\":{\"x\":1,\"dtype\"", true))
                .contains("tensor '1.weight' has the unknown field 'x'"));
        assertEquals("4", ModelFile.load(edit(f, "\"seed\"", "\"user.seed\"", true)).metadata().get("user.seed"));
        var e = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(new SavedModel(Network.of("5-3softmax", 1),
                Loss.crossEntropy(), Normalization.none(5), null, Map.of("class_name", "x")), dir.resolve("k.neurite")));
        assertTrue(e.getMessage().startsWith("metadata key 'class_name' is not one of [created, data, epochs,"), e.getMessage());
        ModelFile.save(new SavedModel(Network.of("5-3softmax", 1), Loss.crossEntropy(), Normalization.none(5), null,
                Map.of("user.note", "mine")), dir.resolve("k.neurite"));
        assertEquals("mine", ModelFile.load(dir.resolve("k.neurite")).metadata().get("user.note"));
    }

    @Test
    void theVersionAndTheArchitectureMustBeWrittenExactlyAsNeuriteWritesThem() throws IOException {
        Path f = saved();
        for (String v : new String[] {"02", "+2", " 2", "2.0", ""}) {
            assertEquals("metadata: format_version '" + v + "' is not a version number such as \"2\"",
                    error(edit(f, "\"format_version\":\"2\"", "\"format_version\":\"" + v + "\"", true)));
        }
        for (String a : new String[] {"+5-d0.2-7tanh-d0.1-3softmax", "05-d0.2-7tanh-d0.1-3softmax",
            " 5-d0.2-7tanh-d0.1-3softmax", "5-d0.20-7tanh-d0.1-3softmax", "5-d0.2-07tanh-d0.1-3softmax"}) {
            String m = error(edit(f, "\"5-d0.2-7tanh-d0.1-3softmax\"", "\"" + a + "\"", true));
            assertTrue(m.startsWith("metadata: architecture '" + a + "'"), m);
        }
    }

    @Test
    void versionOneFilesWithoutAHeaderChecksumAreStillRead() throws IOException {
        Path f = saved();
        String h = ModelFiles.header(Files.readAllBytes(f));
        int at = h.indexOf(",\"header_sha256\":\"");
        String entry = h.substring(at, at + ",\"header_sha256\":\"".length() + 65);
        Path v1 = edit(f, entry, "", false);
        v1 = ModelFiles.edit(v1, dir.resolve("v1.neurite"), "\"format_version\":\"2\"", "\"format_version\":\"1\"", false);
        assertEquals(List.of("a", "b", "c"), ModelFile.load(v1).classNames());
        Path lied = edit(f, "\"format_version\":\"2\"", "\"format_version\":\"1\"", false);
        assertEquals("metadata: format version 1 has no header_sha256, but this header has one: the header is corrupted",
                error(lied));
    }

    private static long allocatedBy(ThrowingRunnable r) throws IOException {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        r.run();
        return bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
    }

    private interface ThrowingRunnable {
        void run() throws IOException;
    }

    @Test
    void aHugeArchitectureIsRefusedBeforeItIsTakenApart() throws IOException {
        Path f = saved();
        String old = "\"5-d0.2-7tanh-d0.1-3softmax\"";
        Path many = edit(f, old, "\"5" + "-d0".repeat(1500) + "-d0.2-7tanh-d0.1-3softmax\"", true);
        assertEquals("metadata: an architecture has at most 1000 layers, this one 1504 (4526 characters)", error(many));
        Path longText = edit(f, old, "\"5" + "-d0".repeat(200_000) + "-d0.2-7tanh-d0.1-3softmax\"", true);
        long size = Files.size(longText);
        error(longText);                                          // once to load the classes; then measured
        long bytes = allocatedBy(() -> error(longText));
        assertTrue(bytes < 4 * size, "refusing a " + size + "-byte file allocated " + bytes + " bytes");
        assertEquals("metadata: the architecture is 600026 characters long, more than the 32768 a model may have",
                error(longText));
        Path big = dir.resolve("big.neurite");                   // a 17 MiB header is refused from its length alone
        byte[] head = new byte[8 + (17 << 20)];
        ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).putLong(17L << 20);
        Files.write(big, head);
        assertTrue(error(big).startsWith("not a Neurite model file (safetensors layout): offset 0: header length 17825792 does not fit a file of"), error(big));
    }

    @Test
    void nonFiniteWeightsAreRefusedOnSaveAndOnLoad() throws IOException {
        Network net = Network.of("5-3softmax", 1);
        net.params().get(0).value().data()[7] = Float.NaN;
        Path target = dir.resolve("nan.neurite");
        var e = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(net, target));
        assertTrue(e.getMessage().startsWith("cannot save the model: tensor '0.weight' holds NaN at index "), e.getMessage());
        assertTrue(Files.notExists(target));
        Network inf = Network.of("5-3softmax", 1);
        inf.params().get(1).value().data()[2] = Float.POSITIVE_INFINITY;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelFile.save(inf, target)).getMessage()
                .startsWith("cannot save the model: tensor '0.bias' holds Infinity at index 2 (of 3)"));

        Path f = saved();
        assertEquals("tensor '1.weight' holds NaN at index 9; a model holds only finite numbers (was it saved from a diverged run?)",
                error(ModelFiles.withFloat(f, dir.resolve("n.neurite"), 9, Float.NaN)));
        assertTrue(error(ModelFiles.withFloat(f, dir.resolve("n.neurite"), 35 + 7 + 21 + 3 + 5 + 1, Float.NEGATIVE_INFINITY))
                .startsWith("tensor 'normalization.scale' holds -Infinity at index 1"));
    }
}
