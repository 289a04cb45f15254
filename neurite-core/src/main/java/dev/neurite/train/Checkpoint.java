package dev.neurite.train;

import dev.neurite.io.AtomicFile;
import dev.neurite.model.Network;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A detached copy of a {@link TrainingState} ({@link TrainingState#snapshot()}), and its codec: the bytes of
 * {@link #toBytes()} are what a checkpoint file holds. Nothing done to the state after the snapshot changes
 * it; {@link TrainingState#restore(Checkpoint)} puts the state back. Resumed from a checkpoint, a run ends
 * with bit-identical weights to one that was never interrupted.
 *
 * <p>Layout (big-endian, format {@code NRTCKPT1}, docs/checkpoints.md): the magic, a UTF string naming the run
 * (the trainer's fingerprint; empty for {@link TrainingState#toBytes()}), the fields in the order of
 * {@link #toBytes}, then the SHA-256 of all bytes before it. Decoding checks the magic, the checksum, the run,
 * every length against the network and optimizer it must fit (never allocating more than the input's size),
 * then every value ({@link CheckpointCheck}). Files are written atomically (temporary file, forced, renamed).
 * The fields are package-private for the codec; nothing changes them once the copy is made.
 */
public final class Checkpoint {
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
    double rateFactor = 1;
    double plateauBest = Double.POSITIVE_INFINITY;
    int plateauWait;

    private Checkpoint() {}

    /** A copy of {@code state}, every array copied, under the run name {@code fingerprint}. */
    static Checkpoint of(TrainingState state, String fingerprint) {
        Checkpoint c = new Checkpoint();
        c.fingerprint = fingerprint;
        c.epoch = state.epoch;
        c.nextBatch = state.nextBatch;
        c.order = state.order.clone();
        c.shuffleRng = state.shuffleRng.state();
        c.dropoutRng = state.dropoutRng.state();
        c.optimizerSteps = state.optimizer.steps();
        c.optimizerState = new ArrayList<>();
        for (float[] a : state.optimizer.state()) {
            c.optimizerState.add(a.clone());
        }
        c.weights = state.network.snapshot();
        c.lossSum = state.lossSum;
        c.correct = state.correct;
        c.seen = state.seen;
        c.history.addAll(state.history);
        c.best = state.best;
        c.bestEpoch = state.bestEpoch;
        c.sinceBest = state.sinceBest;
        c.bestWeights = copy(state.bestWeights);
        c.rateFactor = state.rateFactor;
        c.plateauBest = state.plateauBest;
        c.plateauWait = state.plateauWait;
        return c;
    }

    static float[][] copy(float[][] tensors) {
        if (tensors == null) {
            return null;
        }
        float[][] c = new float[tensors.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = tensors[i].clone();
        }
        return c;
    }

    /** The epoch in progress when the copy was taken (or, at an epoch's start, the next one), from 0. */
    public int epoch() { return epoch; }

    /** The batch of {@link #epoch()} to train next, from 0. */
    public int nextBatch() { return nextBatch; }

    /** The bytes of a checkpoint file holding this copy; {@link TrainingState#fromBytes} reads them back. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeUTF(fingerprint);
            out.writeInt(epoch);
            out.writeInt(nextBatch);
            CheckpointFields.ints(out, order);
            CheckpointFields.longs(out, shuffleRng);
            CheckpointFields.longs(out, dropoutRng);
            out.writeLong(optimizerSteps);
            out.writeInt(optimizerState.size());
            for (float[] a : optimizerState) {
                CheckpointFields.floats(out, a);
            }
            CheckpointFields.tensors(out, weights);
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
                CheckpointFields.tensors(out, bestWeights);
            }
            out.writeDouble(rateFactor);
            out.writeDouble(plateauBest);
            out.writeInt(plateauWait);
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail to grow", e);
        }
        byte[] body = bytes.toByteArray();
        byte[] all = Arrays.copyOf(body, body.length + 32);
        System.arraycopy(dev.neurite.io.Sha256.of(body, body.length), 0, all, body.length, 32);
        return all;
    }

    /** Writes {@link #toBytes()} to {@code file}, atomically. */
    void write(Path file) throws IOException {
        byte[] all = toBytes();
        AtomicFile.write(file, out -> out.write(all));
    }

    /**
     * Reads and validates a checkpoint file for this run: same fingerprint, network and data size, and every
     * restored value possible for it (see {@link CheckpointCheck}).
     */
    static Checkpoint read(Path file, String fingerprint, Network network, int examples, List<float[]> optimizer,
                           int epochs, int batchesPerEpoch) throws IOException {
        return decode(Files.readAllBytes(file), file.toString(), fingerprint, network, optimizer,
                new CheckpointCheck.Run(examples, epochs, batchesPerEpoch));
    }

    /**
     * Decodes and validates checkpoint bytes; every error names {@code source}.
     *
     * @param fingerprint the run the bytes must belong to, or null to accept any
     * @param optimizer   the optimizer's state arrays, whose count and sizes the saved ones must have
     */
    static Checkpoint decode(byte[] all, String source, String fingerprint, Network network, List<float[]> optimizer,
                             CheckpointCheck.Run run) throws IOException {
        if (all.length < MAGIC.length + 32 || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new IOException(source + ": not a Neurite checkpoint (no NRTCKPT1 header)");
        }
        if (!Arrays.equals(dev.neurite.io.Sha256.of(all, all.length - 32), Arrays.copyOfRange(all, all.length - 32, all.length))) {
            throw new IOException(source + ": the checkpoint is corrupted (SHA-256 mismatch); resume from another one");
        }
        Checkpoint c = new Checkpoint();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, MAGIC.length, all.length - 32 - MAGIC.length))) {
            CheckpointFields f = new CheckpointFields(in, source, all.length);
            c.fingerprint = f.runName();
            if (fingerprint != null && !c.fingerprint.equals(fingerprint)) {
                throw new IOException(source + ": the checkpoint was written by another run: " + difference(c.fingerprint, fingerprint)
                        + "; resume with the same network, data and settings");
            }
            c.epoch = in.readInt();
            c.nextBatch = in.readInt();
            c.order = f.order(run.examples());
            c.shuffleRng = f.rngState();
            c.dropoutRng = f.rngState();
            c.optimizerSteps = in.readLong();
            int arrays = in.readInt();
            if (arrays != optimizer.size()) {
                throw new IOException(source + ": the checkpoint has " + arrays + " optimizer arrays, this optimizer " + optimizer.size());
            }
            c.optimizerState = new ArrayList<>();
            for (int i = 0; i < arrays; i++) {
                c.optimizerState.add(f.floats(-1));
            }
            c.weights = f.tensors(network);
            c.lossSum = in.readDouble();
            c.correct = in.readLong();
            c.seen = in.readLong();
            int epochs = in.readInt();
            if (epochs < 0 || epochs > c.epoch + 1) {
                throw new IOException(source + ": the checkpoint's history has " + epochs + " epochs at epoch " + c.epoch);
            }
            for (int i = 0; i < epochs; i++) {
                c.history.add(new EpochStats(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readDouble()));
            }
            c.best = in.readDouble();
            c.bestEpoch = in.readInt();
            c.sinceBest = in.readInt();
            c.bestWeights = in.readBoolean() ? f.tensors(network) : null;
            if (in.available() != 0) {          // the learning rate's state; files from before it have none (factor 1)
                c.rateFactor = in.readDouble();
                c.plateauBest = in.readDouble();
                c.plateauWait = in.readInt();
            }
            if (in.available() != 0) {
                throw new IOException(source + ": the checkpoint has " + in.available() + " bytes after its last field");
            }
        } catch (java.io.EOFException e) {
            throw new IOException(source + ": the checkpoint ends early");
        }
        CheckpointCheck.validate(c, source, run, optimizer);
        return c;
    }


    /** What differs between two run fingerprints ({@code " | "}-separated settings), part by part. */
    static String difference(String saved, String now) {
        String[] a = saved.split(" \\| ", -1), b = now.split(" \\| ", -1);
        List<String> diffs = new ArrayList<>();
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "(nothing)", y = i < b.length ? b[i] : "(nothing)";
            if (!x.equals(y)) {
                diffs.add("it has " + x + ", this run " + y);
            }
        }
        return diffs.isEmpty() ? "(" + saved + ")" : String.join("; ", diffs);
    }
}
