package dev.neurite.train;

import dev.neurite.io.AtomicFile;
import dev.neurite.model.Network;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything a training run needs to continue exactly where it stopped: the weights, the optimizer's
 * state, both RNGs, the epoch's order of examples and the next batch, the epoch's running sums, the
 * history and the early-stopping state. Resumed from a checkpoint, a run ends with bit-identical
 * weights to one that was never interrupted.
 *
 * <p>File layout (big-endian): {@code "NRTCKPT1"}, a UTF string naming the run (its fingerprint), the
 * fields in the order of {@link #write}, then the SHA-256 of all bytes before it. Reading checks the
 * magic, the fingerprint, every length against the network and data it must fit, and the checksum;
 * it never allocates more than the file's size. Written atomically (temporary file, forced, renamed).
 */
final class Checkpoint {
    static final String FILE_NAME = "checkpoint.nrtckpt";
    private static final byte[] MAGIC = "NRTCKPT1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    String fingerprint;
    int epoch;
    int nextBatch;
    int[] order;
    long[] shuffleRng;
    long[] dropoutRng;
    long optimizerSteps;
    List<float[]> optimizerState;
    float[][] weights;
    double lossSum;
    long correct;
    long seen;
    List<EpochStats> history = new ArrayList<>();
    double best;
    int bestEpoch;
    int sinceBest;
    float[][] bestWeights;

    void write(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeUTF(fingerprint);
            out.writeInt(epoch);
            out.writeInt(nextBatch);
            ints(out, order);
            longs(out, shuffleRng);
            longs(out, dropoutRng);
            out.writeLong(optimizerSteps);
            out.writeInt(optimizerState.size());
            for (float[] a : optimizerState) {
                floats(out, a);
            }
            out.writeInt(weights.length);
            for (float[] w : weights) {
                floats(out, w);
            }
            out.writeDouble(lossSum);
            out.writeLong(correct);
            out.writeLong(seen);
            out.writeInt(history.size());
            for (EpochStats s : history) {
                out.writeInt(s.epoch());
                for (double v : new double[] {s.trainLoss(), s.trainAccuracy(), s.validationLoss(), s.validationAccuracy(),
                    s.learningRate(), s.seconds()}) {
                    out.writeDouble(v);
                }
            }
            out.writeDouble(best);
            out.writeInt(bestEpoch);
            out.writeInt(sinceBest);
            out.writeBoolean(bestWeights != null);
            if (bestWeights != null) {
                out.writeInt(bestWeights.length);
                for (float[] w : bestWeights) {
                    floats(out, w);
                }
            }
        }
        byte[] body = bytes.toByteArray();
        byte[] sum = sha256(body, body.length);
        AtomicFile.write(file, out -> {
            out.write(body);
            out.write(sum);
        });
    }

    /**
     * Reads and validates a checkpoint for this run: same fingerprint, network and data size, and every restored
     * value possible for it (see {@link CheckpointCheck}).
     */
    static Checkpoint read(Path file, String fingerprint, Network network, int examples, List<float[]> optimizer,
                           int epochs, int batchesPerEpoch) throws IOException {
        int optimizerArrays = optimizer.size();
        byte[] all = Files.readAllBytes(file);
        if (all.length < MAGIC.length + 32 || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new IOException(file + ": not a Neurite checkpoint (no NRTCKPT1 header)");
        }
        byte[] expected = sha256(all, all.length - 32);
        if (!Arrays.equals(expected, Arrays.copyOfRange(all, all.length - 32, all.length))) {
            throw new IOException(file + ": the checkpoint is corrupted (SHA-256 mismatch); resume from another one");
        }
        Checkpoint c = new Checkpoint();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, MAGIC.length, all.length - 32 - MAGIC.length))) {
            try {
                c.fingerprint = in.readUTF();
            } catch (java.io.UTFDataFormatException e) {
                throw new IOException(file + ": the checkpoint's run name is not valid text; the file is damaged: resume from"
                        + " another checkpoint");
            }
            if (!c.fingerprint.equals(fingerprint)) {
                throw new IOException(file + ": the checkpoint was written by another run (" + c.fingerprint
                        + "); this run is " + fingerprint + ": resume with the same network, data and settings");
            }
            c.epoch = in.readInt();
            c.nextBatch = in.readInt();
            c.order = ints(in, examples, file, "the order of examples");
            c.shuffleRng = longs(in, 8, file);
            c.dropoutRng = longs(in, 8, file);
            c.optimizerSteps = in.readLong();
            int arrays = in.readInt();
            if (arrays != optimizerArrays) {
                throw new IOException(file + ": the checkpoint has " + arrays + " optimizer arrays, this optimizer " + optimizerArrays);
            }
            c.optimizerState = new ArrayList<>();
            for (int i = 0; i < arrays; i++) {
                c.optimizerState.add(floats(in, -1, all.length, file));
            }
            c.weights = weights(in, network, file);
            c.lossSum = in.readDouble();
            c.correct = in.readLong();
            c.seen = in.readLong();
            int historyLength = in.readInt();
            if (historyLength < 0 || historyLength > c.epoch + 1) {
                throw new IOException(file + ": the checkpoint's history has " + historyLength + " epochs at epoch " + c.epoch);
            }
            for (int i = 0; i < historyLength; i++) {
                c.history.add(new EpochStats(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readDouble()));
            }
            c.best = in.readDouble();
            c.bestEpoch = in.readInt();
            c.sinceBest = in.readInt();
            c.bestWeights = in.readBoolean() ? weights(in, network, file) : null;
            if (in.available() != 0) {
                throw new IOException(file + ": the checkpoint has " + in.available() + " bytes after its last field");
            }
        } catch (java.io.EOFException e) {
            throw new IOException(file + ": the checkpoint ends early");
        }
        CheckpointCheck.validate(c, file, examples, optimizer, epochs, batchesPerEpoch);
        return c;
    }

    private static float[][] weights(DataInputStream in, Network network, Path file) throws IOException {
        int count = in.readInt();
        if (count != network.params().size()) {
            throw new IOException(file + ": the checkpoint has " + count + " tensors, the network " + network.params().size());
        }
        float[][] w = new float[count][];
        for (int i = 0; i < count; i++) {
            w[i] = floats(in, network.params().get(i).size(), Integer.MAX_VALUE, file);
        }
        return w;
    }

    private static void ints(DataOutputStream out, int[] a) throws IOException {
        out.writeInt(a.length);
        for (int v : a) {
            out.writeInt(v);
        }
    }

    private static void longs(DataOutputStream out, long[] a) throws IOException {
        out.writeInt(a.length);
        for (long v : a) {
            out.writeLong(v);
        }
    }

    private static void floats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float v : a) {
            out.writeFloat(v);
        }
    }

    private static int[] ints(DataInputStream in, int expected, Path file, String what) throws IOException {
        int n = in.readInt();
        if (n != expected) {
            throw new IOException(file + ": " + what + " has " + n + " entries, expected " + expected);
        }
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readInt();
            if (a[i] < 0 || a[i] >= expected) {
                throw new IOException(file + ": " + what + " holds " + a[i] + ", outside [0, " + expected + ")");
            }
        }
        return a;
    }

    private static long[] longs(DataInputStream in, int expected, Path file) throws IOException {
        int n = in.readInt();
        if (n != expected) {
            throw new IOException(file + ": an RNG state has " + n + " words, expected " + expected);
        }
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readLong();
        }
        return a;
    }

    private static float[] floats(DataInputStream in, int expected, int limit, Path file) throws IOException {
        int n = in.readInt();
        if (n < 0 || (expected >= 0 && n != expected) || (long) n * 4 > limit) {
            throw new IOException(file + ": an array of " + n + " floats does not fit" + (expected >= 0 ? " (expected " + expected + ")" : ""));
        }
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readFloat();
        }
        return a;
    }

    private static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes, 0, length);
            return sha.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
