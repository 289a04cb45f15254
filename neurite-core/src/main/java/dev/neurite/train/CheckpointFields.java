package dev.neurite.train;

import dev.neurite.model.Network;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The checkpoint format's field encodings: every array is its length (an int) then its values. Reading
 * checks each length against what it must be (or, when that is not known, against the input's size)
 * before allocating, and names the source in every error.
 */
final class CheckpointFields {
    private final DataInputStream in;
    private final String source;
    private final int limit;

    /** Reads from {@code in}, whose whole input is {@code limit} bytes, for errors naming {@code source}. */
    CheckpointFields(DataInputStream in, String source, int limit) {
        this.in = in;
        this.source = source;
        this.limit = limit;
    }

    /** The run name: Java modified UTF-8. */
    String runName() throws IOException {
        try {
            return in.readUTF();
        } catch (java.io.UTFDataFormatException e) {
            throw new IOException(source + ": the checkpoint's run name is not valid text; the file is damaged: resume from"
                    + " another checkpoint");
        }
    }

    /**
     * The epoch's order of examples: {@code examples} entries (or none, at an epoch's start), each in
     * {@code [0, examples)}; any length that fits the input when {@code examples} is -1 (not known).
     */
    int[] order(int examples) throws IOException {
        int n = in.readInt();
        boolean fits = examples < 0 ? n >= 0 && (long) n * 4 <= limit : n == examples || n == 0;
        if (!fits) {
            throw new IOException(source + ": the order of examples has " + n + " entries, expected "
                    + (examples < 0 ? "at most " + limit / 4 : examples));
        }
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readInt();
            if (a[i] < 0 || a[i] >= n) {
                throw new IOException(source + ": the order of examples holds " + a[i] + ", outside [0, " + n + ")");
            }
        }
        return a;
    }

    /** An RNG state: 8 longs (checked for values a generator can be in by {@link CheckpointCheck}). */
    long[] rngState() throws IOException {
        int n = in.readInt();
        if (n != 8) {
            throw new IOException(source + ": an RNG state has " + n + " words, expected 8");
        }
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readLong();
        }
        return a;
    }

    /** One tensor per parameter, then per buffer, of {@code network} ({@link Network#snapshot()}), each of its size. */
    float[][] tensors(Network network) throws IOException {
        int count = in.readInt();
        if (count != network.snapshotTensors()) {
            throw new IOException(source + ": the checkpoint has " + count + " tensors, the network " + network.snapshotTensors());
        }
        float[][] w = new float[count][];
        for (int i = 0; i < count; i++) {
            w[i] = floats(network.snapshotSize(i));
        }
        return w;
    }

    /** An array of {@code expected} floats, or of any length that fits the input when {@code expected} is -1. */
    float[] floats(int expected) throws IOException {
        int n = in.readInt();
        if (n < 0 || (expected >= 0 ? n != expected : (long) n * 4 > limit)) {
            throw new IOException(source + ": an array of " + n + " floats does not fit" + (expected >= 0 ? " (expected " + expected + ")" : ""));
        }
        float[] a = new float[n];
        byte[] chunk = new byte[4 * Math.min(n, CHUNK)];
        ByteBuffer view = ByteBuffer.wrap(chunk);               // big-endian, as DataInput.readFloat
        for (int i = 0; i < n; i += CHUNK) {
            int m = Math.min(CHUNK, n - i);
            in.readFully(chunk, 0, 4 * m);
            view.asFloatBuffer().get(a, i, m);
        }
        return a;
    }

    /**
     * Floats per bulk read or write. Arrays go through a byte chunk, not {@code readFloat}/{@code writeFloat}
     * per value: those make four synchronized single-byte calls each, and a 784-128-10 network's Adam state
     * took about 25 ms per decode (a third of a Spark round's overhead, measured with JFR). The bytes are
     * the same: big-endian {@code Float.floatToIntBits}.
     */
    private static final int CHUNK = 16384;

    static void ints(DataOutputStream out, int[] a) throws IOException {
        out.writeInt(a.length);
        for (int v : a) {
            out.writeInt(v);
        }
    }

    static void longs(DataOutputStream out, long[] a) throws IOException {
        out.writeInt(a.length);
        for (long v : a) {
            out.writeLong(v);
        }
    }

    static void floats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        byte[] chunk = new byte[4 * Math.min(a.length, CHUNK)];
        ByteBuffer view = ByteBuffer.wrap(chunk);
        for (int i = 0; i < a.length; i += CHUNK) {
            int m = Math.min(CHUNK, a.length - i);
            view.clear();
            for (int j = i; j < i + m; j++) {
                view.putInt(Float.floatToIntBits(a[j]));        // writeFloat's bits, NaN folded as it folds them
            }
            out.write(chunk, 0, 4 * m);
        }
    }

    static void tensors(DataOutputStream out, float[][] tensors) throws IOException {
        out.writeInt(tensors.length);
        for (float[] t : tensors) {
            floats(out, t);
        }
    }
}
