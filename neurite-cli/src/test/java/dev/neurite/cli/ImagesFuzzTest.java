package dev.neurite.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.neurite.data.DataFileException;
import dev.neurite.fuzz.FuzzGuard;

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

    /** PNG with every chunk's CRC recomputed first, so that mutations reach IHDR, the image data and ImageIO. */
    @FuzzTest(maxDuration = "60s")
    void pngValidCrc(byte[] input) throws Exception {
        byte[] png = input.clone();
        int at = 8;
        while (at + 12 <= png.length) {
            long len = java.nio.ByteBuffer.wrap(png, at, 4).getInt() & 0xFFFFFFFFL;
            if (len > png.length - at - 12L) {
                break;
            }
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(png, at + 4, 4 + (int) len);
            java.nio.ByteBuffer.wrap(png, at + 8 + (int) len, 4).putInt((int) crc.getValue());
            at += 12 + (int) len;
        }
        FuzzGuard.check(png, "fuzz.png", 4 * 1032, f -> Images.toInput(f, 784), DataFileException.class);
    }

    @FuzzTest(maxDuration = "60s")
    void jpeg(byte[] input) throws Exception {
        FuzzGuard.check(input, "fuzz.jpg", 4 * 1032, f -> Images.toInput(f, 784), DataFileException.class);
    }
}
