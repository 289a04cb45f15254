package dev.neurite.cli;

import dev.neurite.data.DataFileException;
import java.nio.file.Path;

/**
 * The structure of a JPEG file, checked before any decoder sees it: the start-of-image marker, the
 * marker segments up to the start of scan (each length inside the file, a frame header with a size
 * before the scan), and the end-of-image marker as the file's last two bytes. ImageIO decodes a JPEG
 * cut anywhere in its entropy-coded data without a word, filling the rest with grey.
 */
final class JpegStructure {
    private JpegStructure() {}

    static boolean looksLikeJpeg(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF;
    }

    static void check(Path file, byte[] b) throws DataFileException {
        int n = b.length;
        if (n < 4 || (b[n - 2] & 0xFF) != 0xFF || (b[n - 1] & 0xFF) != 0xD9) {
            throw bad(file, n, "it does not end with the end-of-image marker (FF D9): the file was cut short");
        }
        int at = 2;
        boolean frame = false;
        while (true) {
            if (at + 4 > n || (b[at] & 0xFF) != 0xFF) {
                throw bad(file, at, "expected a marker segment before the image data");
            }
            int marker = b[at + 1] & 0xFF;
            if (marker == 0xFF) {
                at++;   // fill byte
                continue;
            }
            int length = (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
            if (length < 2 || at + 2 + length > n - 2) {
                throw bad(file, at, "marker FF " + String.format("%02X", marker) + " has length " + length
                        + ", outside the file");
            }
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                if (length < 8) {
                    throw bad(file, at, "the frame header is " + length + " bytes, too short");
                }
                int height = (b[at + 5] & 0xFF) << 8 | (b[at + 6] & 0xFF), width = (b[at + 7] & 0xFF) << 8 | (b[at + 8] & 0xFF);
                if (width == 0 || height == 0) {
                    throw bad(file, at, "the frame is " + width + "×" + height + " pixels");
                }
                if ((long) width * height > Images.MAX_PIXELS) {
                    throw PngStructure.tooLarge(file, width, height, Images.MAX_PIXELS);
                }
                frame = true;
            }
            if (marker == 0xDA) {
                if (!frame) {
                    throw bad(file, at, "the image data starts before a frame header");
                }
                return;
            }
            if (marker == 0xD9 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
                throw bad(file, at, "unexpected marker FF " + String.format("%02X", marker) + " before the image data");
            }
            at += 2 + length;
        }
    }

    private static DataFileException bad(Path file, long offset, String what) {
        return new DataFileException(file, "is not a valid JPEG image: " + what + " (at byte " + offset + ")");
    }
}
