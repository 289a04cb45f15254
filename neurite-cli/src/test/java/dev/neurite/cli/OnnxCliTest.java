package dev.neurite.cli;

import static dev.neurite.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.data.Normalization;
import dev.neurite.data.NormalizationKind;
import dev.neurite.io.ModelFile;
import dev.neurite.io.SavedModel;
import dev.neurite.loss.Loss;
import dev.neurite.model.Network;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** neurite export / import, and ONNX files given to predict and info. */
class OnnxCliTest {
    @TempDir
    Path dir;

    private Path model() throws Exception {
        Network net = Network.of("3-d0.1-5tanh-3softmax", 7);
        SavedModel m = new SavedModel(net, Loss.crossEntropy(), new Normalization(NormalizationKind.STANDARD,
                new float[] {1, 2, 3}, new float[] {0.5f, 2, 1}), List.of("a", "b", "c"), Map.of("seed", "7"));
        Path p = dir.resolve("m.neurite");
        ModelFile.save(m, p);
        return p;
    }

    @Test
    void exportImportAndPredictAgree() throws Exception {
        Path model = model(), onnx = dir.resolve("m.onnx"), back = dir.resolve("back.neurite");
        CliTest.Run e = run("export", "--model", model.toString(), "--format", "onnx", "--out", onnx.toString(), "--label",
                "--opset", "17");
        assertEquals(0, e.status(), e.err());
        assertTrue(e.out().contains("ONNX opset 17 with a label output"), e.out());
        CliTest.Run i = run("import", onnx.toString(), "--out", back.toString());
        assertEquals(0, i.status(), i.err());
        assertArrayEquals(Files.readAllBytes(model), Files.readAllBytes(back), "Neurite → ONNX → Neurite, bit for bit");
        Path csv = dir.resolve("x.csv");
        Files.writeString(csv, "f1,f2,f3\n1,2,3\n-1,0.5,7\n");
        CliTest.Run p1 = run("predict", "--model", model.toString(), "--input", csv.toString(), "--json");
        CliTest.Run p2 = run("predict", "--model", onnx.toString(), "--input", csv.toString(), "--json");
        assertEquals(0, p2.status(), p2.err());
        assertEquals(p1.out(), p2.out());
        CliTest.Run info = run("info", "--model", onnx.toString());
        assertEquals(0, info.status(), info.err());
        assertTrue(info.out().contains("ONNX model") && info.out().contains("3-d0.1-5tanh-3softmax"), info.out());
        CliTest.Run json = run("info", "--model", onnx.toString(), "--json");
        assertTrue(json.out().contains("\"format\":\"onnx\""), json.out());
    }

    @Test
    void badOptionsExitTwoWithOneLineAndNoFile() throws Exception {
        Path model = model(), onnx = dir.resolve("m.onnx");
        for (String[] args : new String[][] {
                {"--format", "onnx", "--opset", "12"}, {"--format", "tflite"}, {"--format", "neurite", "--label"}}) {
            String[] full = new String[args.length + 5];
            full[0] = "export";
            full[1] = "--model";
            full[2] = model.toString();
            full[3] = "--out";
            full[4] = onnx.toString();
            System.arraycopy(args, 0, full, 5, args.length);
            CliTest.Run r = run(full);
            assertEquals(2, r.status(), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertFalse(Files.exists(onnx));
        }
        CliTest.Run r = run("export", "--model", model.toString(), "--format", "onnx", "--out", model.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("would destroy that input"), r.err());
    }

    @Test
    void aRefusedOnnxFileNamesTheNodeInOneLine() throws Exception {
        Path bad = dir.resolve("bad.onnx");
        Files.write(bad, new byte[] {0x08, 0x07, 0x3a, 0x02, 0x0a, 0x7f});        // a graph field running past the end
        CliTest.Run r = run("import", bad.toString(), "--out", dir.resolve("o.neurite").toString());
        assertEquals(2, r.status(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(bad.toString()) && r.err().contains("not a valid ONNX file"), r.err());
        assertFalse(Files.exists(dir.resolve("o.neurite")));
        CliTest.Run n = run("import", model().toString(), "--out", dir.resolve("o.neurite").toString());
        assertEquals(2, n.status());
        assertTrue(n.err().contains("already"), n.err());
    }
}
