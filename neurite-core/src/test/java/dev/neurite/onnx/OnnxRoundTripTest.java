package dev.neurite.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.infer.Predictor;
import dev.neurite.io.ModelFile;
import dev.neurite.io.SavedModel;
import dev.neurite.tensor.Matrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Neurite → ONNX → Neurite: the same model, bit for bit; and the API's file handling. */
class OnnxRoundTripTest {
    @Test
    void exportThenImportGivesTheSameModelFileBitForBit() throws Exception {
        for (long seed = 0; seed < 40; seed++) {
            SavedModel model = RandomModels.model(seed);
            OnnxImport.Result back = OnnxImport.fromBytes(OnnxExport.toBytes(model, OnnxExport.Options.defaults()), "rt");
            String what = "model " + seed + " " + model.network().architecture().toSpec();
            assertEquals(List.of(), back.notes(), what);
            SavedModel m = back.model();
            assertEquals(model.network().architecture(), m.network().architecture(), what);
            assertEquals(model.loss().cliName(), m.loss().cliName(), what);
            assertEquals(model.normalization(), m.normalization(), what);
            assertEquals(model.classNames(), m.classNames(), what);
            assertEquals(model.metadata(), m.metadata(), what);
            for (int p = 0; p < model.network().params().size(); p++) {
                assertArrayEquals(model.network().params().get(p).value().data(), m.network().params().get(p).value().data(), what);
            }
            Matrix x = RandomModels.inputs(17, model.network().inputSize(), seed);
            assertArrayEquals(Predictor.of(model).predict(x).data(), Predictor.of(m).predict(x).data(), what);
            assertArrayEquals(ModelFile.toBytes(model), ModelFile.toBytes(m), what);
        }
    }

    @Test
    void batchNormalizedModelsComeBackWithTheirRunningStatisticsBitForBit() throws Exception {
        for (long seed = 0; seed < 24; seed++) {
            SavedModel model = RandomModels.batchNormalized(seed);
            OnnxImport.Result back = OnnxImport.fromBytes(OnnxExport.toBytes(model, OnnxExport.Options.defaults()), "rt");
            String what = "model " + seed + " " + model.network().architecture().toSpec();
            assertEquals(List.of(), back.notes(), what);
            assertEquals(model.network().architecture(), back.model().network().architecture(), what);
            assertArrayEquals(ModelFile.toBytes(model), ModelFile.toBytes(back.model()), what);
        }
    }

    @Test
    void theLabelOutputAndOpsetDoNotChangeTheImportedModel() throws Exception {
        SavedModel model = RandomModels.model(4);
        for (int opset : new int[] {13, 17, 21}) {
            SavedModel m = OnnxImport.fromBytes(OnnxExport.toBytes(model, new OnnxExport.Options(opset, true, null)), "rt").model();
            assertArrayEquals(ModelFile.toBytes(model), ModelFile.toBytes(m));
        }
    }

    @Test
    void labelledModelsOfEveryOutputWidthRoundTrip() throws Exception {
        int single = 0;
        for (long seed = 0; seed < 64; seed++) {
            SavedModel model = RandomModels.model(seed);
            if (model.head().isRegression()) {
                continue;
            }
            single += model.network().outputSize() == 1 ? 1 : 0;
            SavedModel m = OnnxImport.fromBytes(OnnxExport.toBytes(model, new OnnxExport.Options(13, true, null)), "rt").model();
            assertArrayEquals(ModelFile.toBytes(model), ModelFile.toBytes(m), "model " + seed);
        }
        assertTrue(single > 2, single + " single-output classifiers");
    }

    @Test
    void tensorsSha256IsTheModelFilesOwn() {
        SavedModel model = RandomModels.model(5);
        byte[] file = ModelFile.toBytes(model);
        String header = new String(file, 8, 400, java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(header.contains(OnnxExport.tensorsSha256(model)) || new String(file,
                java.nio.charset.StandardCharsets.ISO_8859_1).contains(OnnxExport.tensorsSha256(model)));
    }

    @Test
    void anEditedWeightIsReadWithANote() throws Exception {
        SavedModel model = RandomModels.model(2);
        byte[] onnx = OnnxExport.toBytes(model, OnnxExport.Options.defaults());
        float w = model.network().params().get(0).value().data()[0];
        byte[] pattern = ProtoWriter.littleEndian(new float[] {w});
        int at = indexOf(onnx, pattern);
        onnx[at] ^= 1;                                   // one bit of the first weight
        OnnxImport.Result r = OnnxImport.fromBytes(onnx, "edited");
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("tensors_sha256")), r.notes().toString());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (java.util.Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void writeIsAtomicAndARefusedExportLeavesNoFile(@TempDir Path dir) throws Exception {
        SavedModel model = RandomModels.model(2);             // a regression (linear, mse)
        assertTrue(model.head().isRegression());
        Path out = dir.resolve("m.onnx");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.write(model, out, new OnnxExport.Options(13, true, null)));
        assertTrue(e.getMessage().contains("regression"), e.getMessage());
        assertFalse(Files.exists(out));
        OnnxExport.write(model, out, OnnxExport.Options.defaults());
        assertArrayEquals(OnnxExport.toBytes(model, OnnxExport.Options.defaults()), Files.readAllBytes(out));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void optionsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new OnnxExport.Options(12, false, null));
        assertThrows(IllegalArgumentException.class, () -> new OnnxExport.Options(22, false, null));
        SavedModel model = RandomModels.model(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.toBytes(model, new OnnxExport.Options(13, false, List.of("a"))));
        assertTrue(e.getMessage().contains("feature names"), e.getMessage());
    }

    @Test
    void modelsLoadsEitherFormatByItsContent(@TempDir Path dir) throws Exception {
        SavedModel model = RandomModels.model(6);
        Path neurite = dir.resolve("a.neurite"), onnx = dir.resolve("b.model");
        ModelFile.save(model, neurite);
        OnnxExport.write(model, onnx, OnnxExport.Options.defaults());
        assertEquals(Models.Format.NEURITE, Models.formatOf(Files.readAllBytes(neurite)));
        assertEquals(Models.Format.ONNX, Models.formatOf(Files.readAllBytes(onnx)));
        assertArrayEquals(ModelFile.toBytes(model), ModelFile.toBytes(Models.load(neurite)));
        assertArrayEquals(ModelFile.toBytes(model), ModelFile.toBytes(Models.load(onnx)));
        Path junk = dir.resolve("junk.onnx");
        Files.write(junk, new byte[] {0x08, (byte) 0x80});
        Exception ex = assertThrows(java.io.IOException.class, () -> Models.load(junk));
        assertTrue(ex.getMessage().startsWith(junk.toString()), ex.getMessage());
    }
}
