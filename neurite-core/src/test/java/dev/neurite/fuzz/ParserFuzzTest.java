package dev.neurite.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.neurite.data.Csv;
import dev.neurite.data.DataFileException;
import dev.neurite.data.FeatureSchema;
import dev.neurite.data.Imputation;
import dev.neurite.data.Tabular;
import dev.neurite.data.Idx;
import dev.neurite.io.ModelFile;
import dev.neurite.onnx.Models;
import dev.neurite.onnx.OnnxImport;
import java.io.IOException;

/**
 * Coverage-guided fuzz targets for the public file parsers (Jazzer). In a plain {@code mvn test}
 * each target runs once on every input of its seed corpus under
 * {@code src/test/resources/dev/neurite/fuzz/ParserFuzzTestInputs/<target>/}; with
 * {@code JAZZER_FUZZ=1} Jazzer mutates those inputs for the target's {@code maxDuration}
 * ({@code ./fuzz.sh} in the repository root runs each one for a chosen time). See docs/correctness.md.
 */
class ParserFuzzTest {
    /** Raw IDX: only {@link DataFileException} (and other {@link IOException}s) escape; allocation ≤ a small multiple of the file. */
    @FuzzTest(maxDuration = "60s")
    void idxRaw(byte[] input) throws Exception {
        FuzzGuard.check(input, "fuzz-idx", 8, Idx::read, DataFileException.class);
    }

    /** Gzip IDX: the same, with allocation bounded by what the input can inflate to (deflate's ratio is at most 1032:1). */
    @FuzzTest(maxDuration = "60s")
    void idxGzip(byte[] input) throws Exception {
        byte[] gz = input;
        if (gz.length < 2 || (gz[0] & 0xFF) != 0x1f || (gz[1] & 0xFF) != 0x8b) {
            gz = new byte[input.length + 2];   // keep the fuzzer inside the gzip reader
            gz[0] = 0x1f;
            gz[1] = (byte) 0x8b;
            System.arraycopy(input, 0, gz, 2, input.length);
        }
        FuzzGuard.check(gz, "fuzz-idx.gz", 4 * 1032, Idx::read, DataFileException.class);
    }

    /** CSV, both as a labelled data set and as rows of features. */
    @FuzzTest(maxDuration = "60s")
    void csv(byte[] input) throws Exception {
        FuzzGuard.check(input, "fuzz.csv", 64, f -> Csv.reader().read(f), DataFileException.class);
        FuzzGuard.check(input, "fuzz.csv", 64, Csv::readFeatures, DataFileException.class);
        // tables: a text cell of two bytes or more (with its separator) becomes at most MAX_CATEGORIES floats
        FuzzGuard.check(input, "fuzz.csv", 2L * FeatureSchema.MAX_CATEGORIES + 64, f -> Tabular.reader()
                .impute(Imputation.MEDIAN).missingIndicator(true).fit(f), DataFileException.class);
    }

    /** Model files through the public load API: refused with a ModelFormatException (an IOException). */
    @FuzzTest(maxDuration = "60s")
    void modelFile(byte[] input) throws Exception {
        FuzzGuard.check(input, "fuzz.neurite", 64, ModelFile::load, IOException.class);
    }

    /**
     * ONNX files through the public import API: refused with an OnnxFormatException (an IOException), never
     * anything else; allocation within a small multiple of the file. {@code Models.load} (the format told by
     * content) is run too.
     */
    @FuzzTest(maxDuration = "60s")
    void onnxFile(byte[] input) throws Exception {
        FuzzGuard.check(input, "fuzz.onnx", 64, OnnxImport::load, IOException.class);
        FuzzGuard.check(input, "fuzz.model", 64, Models::load, IOException.class);
    }
}
