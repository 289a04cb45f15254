package dev.neurite.onnx;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The protobuf wire format, reading side: a cursor over {@code bytes[position, end)} of one message. Every
 * varint is at most ten bytes, every length is checked against what is left of the enclosing message
 * before it is used, groups (wire types 3 and 4) are refused, and an embedded message is read in place (a
 * reader over a sub-range, nothing copied). A fault throws {@link Malformed} with the absolute offset.
 */
final class ProtoReader {
    /** A damaged or hostile encoding; the parser adds the source's name. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** A range of the input: a bytes field, read in place. */
    record Slice(byte[] bytes, int offset, int length) {}

    private final byte[] bytes;
    private int position;
    private final int end;
    private int wireType = -1;

    ProtoReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    private ProtoReader(byte[] bytes, int position, int end) {
        this.bytes = bytes;
        this.position = position;
        this.end = end;
    }

    boolean hasMore() {
        return position < end;
    }

    int position() {
        return position;
    }

    /** The next field's number; its wire type is kept for the read that follows. */
    int field() {
        int at = position;
        long tag = varint();
        int field = (int) (tag >>> 3);
        wireType = (int) (tag & 7);
        if (tag >>> 3 > 536_870_911L || field == 0) {
            throw new Malformed("field number " + (tag >>> 3) + " at offset " + at + " is out of protobuf's range");
        }
        if (wireType != OnnxFields.VARINT && wireType != OnnxFields.FIXED64 && wireType != OnnxFields.LEN
                && wireType != OnnxFields.FIXED32) {
            throw new Malformed("field " + field + " at offset " + at + " has wire type " + wireType
                    + (wireType == 3 || wireType == 4 ? " (a group, which ONNX never uses)" : ", which does not exist"));
        }
        return field;
    }

    int wireType() {
        return wireType;
    }

    long varint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= end) {
                throw new Malformed("a varint runs past the end of its message at offset " + position);
            }
            byte b = bytes[position++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new Malformed("a varint longer than 10 bytes ends at offset " + position);
    }

    /** A varint field that must fit an int (a count, an enum, a flag). */
    int varintInt(String what) {
        expect(OnnxFields.VARINT, what);
        long v = varint();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new Malformed(what + " " + v + " at offset " + position + " does not fit an int");
        }
        return (int) v;
    }

    long varintLong(String what) {
        expect(OnnxFields.VARINT, what);
        return varint();
    }

    float fixed32() {
        need(4);
        int bits = (bytes[position] & 0xFF) | (bytes[position + 1] & 0xFF) << 8 | (bytes[position + 2] & 0xFF) << 16
                | (bytes[position + 3] & 0xFF) << 24;
        position += 4;
        return Float.intBitsToFloat(bits);
    }

    double fixed64() {
        need(8);
        long bits = 0;
        for (int k = 7; k >= 0; k--) {
            bits = bits << 8 | (bytes[position + k] & 0xFF);
        }
        position += 8;
        return Double.longBitsToDouble(bits);
    }

    /** A length-delimited field: its bytes, in place. */
    Slice slice(String what) {
        expect(OnnxFields.LEN, what);
        long n = varint();
        if (n < 0 || n > end - position) {
            throw new Malformed(what + " at offset " + position + " claims " + n + " bytes, its message has "
                    + (end - position) + " left");
        }
        Slice s = new Slice(bytes, position, (int) n);
        position += (int) n;
        return s;
    }

    /** An embedded message, read in place. */
    ProtoReader message(String what) {
        Slice s = slice(what);
        return new ProtoReader(bytes, s.offset(), s.offset() + s.length());
    }

    /** A string field: strict UTF-8. */
    String string(String what) {
        Slice s = slice(what);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(s.bytes(), s.offset(), s.length())).toString();
        } catch (CharacterCodingException e) {
            throw new Malformed(what + " at offset " + s.offset() + " is not valid UTF-8");
        }
    }

    /** Skips the value of the field just read. */
    void skip() {
        switch (wireType) {
            case OnnxFields.VARINT -> varint();
            case OnnxFields.FIXED64 -> need(8);
            case OnnxFields.FIXED32 -> need(4);
            default -> slice("a skipped field");
        }
        if (wireType == OnnxFields.FIXED64) {
            position += 8;
        } else if (wireType == OnnxFields.FIXED32) {
            position += 4;
        }
    }

    void expect(int wire, String what) {
        if (wireType != wire) {
            throw new Malformed(what + " before offset " + position + " has wire type " + wireType + ", expected " + wire);
        }
    }

    private void need(int n) {
        if (end - position < n) {
            throw new Malformed("a fixed-size value at offset " + position + " runs past the end of its message");
        }
    }
}
