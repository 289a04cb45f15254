package dev.neurite.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.neurite.data.DataFileException;

/**
 * Fuzzes {@link Images#toInput} as {@code neurite predict} calls it, on PNG and JPEG inputs (seeds under
 * {@code ImagesFuzzTestInputs/png/} and {@code /jpeg/}). Only {@link DataFileException} may escape;
 * allocation is bounded by what the file's data can decode to (compressed image data inflates at most
 * 1032:1, and large images are decoded subsampled), so the limit is a multiple of the input's size.
 */
class ImagesFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void png(byte[] input) throws Exception {
        FuzzGuard.check(input, "fuzz.png", 4 * 1032, f -> Images.toInput(f, 784), DataFileException.class);
    }

    @FuzzTest(maxDuration = "60s")
    void jpeg(byte[] input) throws Exception {
        FuzzGuard.check(input, "fuzz.jpg", 4 * 1032, f -> Images.toInput(f, 784), DataFileException.class);
    }
}
