package dev.neurite.cli;

import dev.neurite.data.DataFileException;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The structure of a PNG file (ISO/IEC 15948), checked before any decoder sees it: the signature,
 * every chunk's length and CRC-32, IHDR first with a valid size, bit depth and colour type, IDAT
 * present, IEND last with nothing after it, and image data that inflates to exactly the size IHDR
 * describes. ImageIO accepts truncated and corrupt files silently (a missing IEND, bad CRCs, short
 * image data filled with zeros); this check refuses them, naming the file.
 */
final class PngStructure {
    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** Width and height from IHDR. */
    record Size(int width, int height) {}

    private PngStructure() {}

    static boolean looksLikePng(byte[] b) {
        if (b.length < SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (b[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /** Checks the file's structure; the image may have at most {@code maxPixels} pixels. */
    static Size check(Path file, byte[] b, long maxPixels) throws DataFileException {
        int at = SIGNATURE.length;
        Size size = null;
        int bitsPerPixel = 0;
        boolean interlaced = false, palette = false, seenPalette = false, seenEnd = false;
        Inflater inflater = new Inflater();
        long inflated = 0, expected = 0;
        byte[] scratch = new byte[1 << 16];
        try {
            while (at < b.length && !seenEnd) {
                if (b.length - at < 12) {
                    throw bad(file, at, "a chunk is cut short (" + (b.length - at) + " bytes left, a chunk needs at least 12)");
                }
                long length = readInt(b, at) & 0xFFFFFFFFL;
                String type = new String(b, at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
                if (length > b.length - at - 12L) {
                    throw bad(file, at, "chunk '" + printable(type) + "' claims " + length + " bytes but the file ends after "
                            + (b.length - at - 12) + "; the file was cut short");
                }
                int dataAt = at + 8, len = (int) length;
                CRC32 crc = new CRC32();
                crc.update(b, at + 4, 4 + len);
                if ((int) crc.getValue() != readInt(b, dataAt + len)) {
                    throw bad(file, at, "chunk '" + printable(type) + "' has a wrong CRC; the file is damaged");
                }
                if (size == null && !type.equals("IHDR")) {
                    throw bad(file, at, "expected the IHDR chunk first, found '" + printable(type) + "'");
                }
                switch (type) {
                    case "IHDR" -> {
                        if (size != null || len != 13) {
                            throw bad(file, at, size != null ? "a second IHDR chunk" : "IHDR has " + len + " bytes, not 13");
                        }
                        size = new Size(readInt(b, dataAt), readInt(b, dataAt + 4));
                        if (size.width() <= 0 || size.height() <= 0) {
                            throw bad(file, dataAt, "the image is " + size.width() + "×" + size.height() + " pixels");
                        }
                        if ((long) size.width() * size.height() > maxPixels) {
                            throw tooLarge(file, size.width(), size.height(), maxPixels);
                        }
                        int depth = b[dataAt + 8], colour = b[dataAt + 9];
                        bitsPerPixel = bitsPerPixel(file, dataAt + 8, depth, colour);
                        palette = colour == 3;
                        if (b[dataAt + 10] != 0 || b[dataAt + 11] != 0 || (b[dataAt + 12] & 0xFE) != 0) {
                            throw bad(file, dataAt + 10, "unknown compression, filter or interlace method");
                        }
                        interlaced = b[dataAt + 12] == 1;
                        expected = imageBytes(size, bitsPerPixel, interlaced);
                    }
                    case "PLTE" -> seenPalette = true;
                    case "IDAT" -> {
                        if (inflater.finished()) {
                            throw bad(file, at, "more IDAT data after the end of the compressed image");
                        }
                        inflater.setInput(b, dataAt, len);
                        while (!inflater.needsInput() && !inflater.finished()) {
                            int n = inflater.inflate(scratch);
                            inflated += n;
                            if (inflated > expected) {
                                throw bad(file, at, "the image data is longer than IHDR's " + size.width() + "×" + size.height()
                                        + " describes");
                            }
                            if (n == 0 && inflater.needsDictionary()) {
                                throw bad(file, at, "the image data asks for a preset dictionary");
                            }
                        }
                    }
                    case "IEND" -> {
                        if (len != 0) {
                            throw bad(file, at, "IEND is not empty");
                        }
                        seenEnd = true;
                    }
                    default -> {
                        if ((b[at + 4] & 0x20) == 0) {
                            throw bad(file, at, "unknown critical chunk '" + printable(type) + "'");
                        }
                    }
                }
                at = dataAt + len + 4;
            }
        } catch (DataFormatException e) {
            throw bad(file, at, "the compressed image data is damaged (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
        if (size == null) {
            throw bad(file, at, "no IHDR chunk: the file was cut short");
        }
        if (!seenEnd) {
            throw bad(file, at, "no IEND chunk at the end: the file was cut short");
        }
        if (at != b.length) {
            throw bad(file, at, (b.length - at) + " bytes after the IEND chunk");
        }
        if (palette && !seenPalette) {
            throw bad(file, at, "a palette image without a PLTE chunk");
        }
        if (inflated != expected || !inflater.finished()) {
            throw bad(file, at, "the image data holds " + inflated + " bytes" + (inflater.finished() ? "" : " and is cut short")
                    + ", IHDR's " + size.width() + "×" + size.height() + " image needs " + expected);
        }
        return size;
    }

    private static int bitsPerPixel(Path file, int at, int depth, int colour) throws DataFileException {
        int channels = switch (colour) {
            case 0, 3 -> 1;
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> throw bad(file, at + 1, "unknown colour type " + colour);
        };
        boolean ok = switch (colour) {
            case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
            case 3 -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
            default -> depth == 8 || depth == 16;
        };
        if (!ok) {
            throw bad(file, at, "bit depth " + depth + " is not allowed for colour type " + colour);
        }
        return channels * depth;
    }

    /** Bytes of filtered image data: each row is a filter byte and its packed pixels; Adam7 has seven passes. */
    static long imageBytes(Size size, int bitsPerPixel, boolean interlaced) {
        if (!interlaced) {
            return size.height() * rowBytes(size.width(), bitsPerPixel);
        }
        int[][] passes = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}};
        long total = 0;
        for (int[] p : passes) {
            long w = size.width() > p[0] ? (size.width() - p[0] + p[2] - 1L) / p[2] : 0;
            long h = size.height() > p[1] ? (size.height() - p[1] + p[3] - 1L) / p[3] : 0;
            if (w > 0 && h > 0) {
                total += h * rowBytes(w, bitsPerPixel);
            }
        }
        return total;
    }

    private static long rowBytes(long width, int bitsPerPixel) {
        return 1 + (width * bitsPerPixel + 7) / 8;
    }

    static DataFileException tooLarge(Path file, long width, long height, long maxPixels) {
        return new DataFileException(file, "is " + width + "×" + height + " pixels, more than the " + maxPixels / 1_000_000
                + " megapixels Neurite decodes; scale it down first (a digit needs no more than a few hundred pixels a side)");
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 0x21 && c < 0x7f) ? type : "?";
    }

    private static DataFileException bad(Path file, long offset, String what) {
        return new DataFileException(file, "is not a valid PNG image: " + what + " (at byte " + offset + ")");
    }
}
