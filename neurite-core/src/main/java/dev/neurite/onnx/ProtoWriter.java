package dev.neurite.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The protobuf wire format, writing side: a message is built field by field into bytes. A tag is
 * {@code (field << 3) | wireType} as a varint; integers are varints (negative ones as ten bytes, as
 * protobuf's int64 is); strings, bytes and embedded messages are a varint length then the bytes; floats are
 * packed as little-endian fixed32 values behind one length. Fields are written in the order called.
 */
final class ProtoWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ProtoWriter varint(int field, long value) {
        tag(field, OnnxFields.VARINT);
        rawVarint(value);
        return this;
    }

    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter bytes(int field, byte[] value) {
        tag(field, OnnxFields.LEN);
        rawVarint(value.length);
        out.writeBytes(value);
        return this;
    }

    ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toBytes());
    }

    /** A single float field (fixed32). */
    ProtoWriter fixed32(int field, float value) {
        tag(field, OnnxFields.FIXED32);
        int bits = Float.floatToRawIntBits(value);
        for (int k = 0; k < 4; k++) {
            out.write(bits >>> (8 * k));
        }
        return this;
    }

    /** Floats as little-endian bytes (a tensor's {@code raw_data}). */
    static byte[] littleEndian(float[] values) {
        byte[] b = new byte[values.length * 4];
        for (int i = 0; i < values.length; i++) {
            int bits = Float.floatToRawIntBits(values[i]);
            b[4 * i] = (byte) bits;
            b[4 * i + 1] = (byte) (bits >>> 8);
            b[4 * i + 2] = (byte) (bits >>> 16);
            b[4 * i + 3] = (byte) (bits >>> 24);
        }
        return b;
    }

    /** Int64 values as little-endian bytes. */
    static byte[] littleEndian(long[] values) {
        byte[] b = new byte[values.length * 8];
        for (int i = 0; i < values.length; i++) {
            for (int k = 0; k < 8; k++) {
                b[8 * i + k] = (byte) (values[i] >>> (8 * k));
            }
        }
        return b;
    }

    byte[] toBytes() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        rawVarint(((long) field << 3) | wireType);
    }

    private void rawVarint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
