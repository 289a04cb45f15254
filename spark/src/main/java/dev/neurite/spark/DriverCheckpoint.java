package dev.neurite.spark;

import dev.neurite.io.AtomicFile;
import dev.neurite.model.Network;
import dev.neurite.optim.OptimizerConfig;
import dev.neurite.train.TrainingState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The driver's state between rounds, in one file ({@code DIR/spark-checkpoint.nrtspark}) replaced
 * atomically: the run's fingerprint, its data's row count and partition count, the next round, the
 * averaged {@code TrainingState} bytes, every partition's position and the rounds' figures, then the
 * SHA-256 of all of it. A run started with the same settings on the same data continues from it and ends
 * with the weights of a run never interrupted.
 *
 * <p>Layout (big-endian): {@code NRTSPRK1}, fingerprint (modified UTF-8), rows (long), partitions (int),
 * round (int), state length (int) and bytes, per partition: 8 + 8 longs (shuffle at epoch start,
 * dropout), epoch, next batch (ints); history count (int) and per round loss, accuracy (doubles); SHA-256.
 */
final class DriverCheckpoint {
    static final String FILE_NAME = "spark-checkpoint.nrtspark";
    private static final byte[] MAGIC = "NRTSPRK1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int MAX_STATE = Integer.MAX_VALUE - 8;

    private final Path file;
    private final String fingerprint;
    private final long rows;
    private final int partitions;

    record Saved(int round, TrainingState state, Position[] positions, List<DistributedTrainer.RoundStats> history) {}

    DriverCheckpoint(Path dir, String fingerprint, long rows, int partitions) {
        this.file = dir.resolve(FILE_NAME);
        this.fingerprint = fingerprint;
        this.rows = rows;
        this.partitions = partitions;
    }

    void write(int nextRound, TrainingState state, Position[] positions, List<DistributedTrainer.RoundStats> history)
            throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        out.write(MAGIC);
        out.writeUTF(fingerprint);
        out.writeLong(rows);
        out.writeInt(partitions);
        out.writeInt(nextRound);
        byte[] bytes = state.toBytes();
        out.writeInt(bytes.length);
        out.write(bytes);
        for (Position p : positions) {
            for (long v : p.epochShuffle()) {
                out.writeLong(v);
            }
            for (long v : p.dropout()) {
                out.writeLong(v);
            }
            out.writeInt(p.epoch());
            out.writeInt(p.nextBatch());
        }
        out.writeInt(history.size());
        for (DistributedTrainer.RoundStats s : history) {
            out.writeDouble(s.loss());
            out.writeDouble(s.accuracy());
        }
        out.flush();
        byte[] body = buffer.toByteArray();
        byte[] digest = sha256(body);
        AtomicFile.write(file, o -> {
            o.write(body);
            o.write(digest);
        });
    }

    /** The saved state of this run, or null when the folder holds no checkpoint yet. */
    Saved readIfPresent(Network network, OptimizerConfig optimizer) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return read(Files.readAllBytes(file), network, optimizer);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage()
                    + " (delete the file, or give another checkpointDir, to start afresh)", e);
        }
    }

    private Saved read(byte[] all, Network network, OptimizerConfig optimizer) throws IOException {
        if (all.length < MAGIC.length + 32 || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new IOException("not a neurite-spark checkpoint (no NRTSPRK1 header)");
        }
        byte[] body = Arrays.copyOf(all, all.length - 32);
        if (!Arrays.equals(sha256(body), Arrays.copyOfRange(all, all.length - 32, all.length))) {
            throw new IOException("the checksum does not match: the file is damaged or cut short");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body, MAGIC.length, body.length - MAGIC.length));
        String savedFingerprint = in.readUTF();
        if (!savedFingerprint.equals(fingerprint)) {
            throw new IllegalArgumentException("the checkpoint is of another run (" + savedFingerprint + "), this run is "
                    + fingerprint);
        }
        long savedRows = in.readLong();
        int savedPartitions = in.readInt();
        if (savedRows != rows || savedPartitions != partitions) {
            throw new IllegalArgumentException("the checkpoint was taken on " + savedRows + " rows in " + savedPartitions
                    + " partitions, this data has " + rows + " rows in " + partitions);
        }
        int round = in.readInt();
        int length = in.readInt();
        if (round < 0 || length < 0 || length > Math.min(MAX_STATE, in.available())) {
            throw new IOException("round " + round + " and a state of " + length + " bytes do not fit the file");
        }
        byte[] stateBytes = new byte[length];
        in.readFully(stateBytes);
        TrainingState state = TrainingState.fromBytes(stateBytes, file.toString(), network, optimizer);
        Position[] positions = new Position[partitions];
        for (int p = 0; p < partitions; p++) {
            long[] shuffle = new long[8], dropout = new long[8];
            for (int i = 0; i < 8; i++) {
                shuffle[i] = in.readLong();
            }
            for (int i = 0; i < 8; i++) {
                dropout[i] = in.readLong();
            }
            dev.neurite.tensor.Rng.fromState(shuffle);      // refuses a state no generator can be in
            dev.neurite.tensor.Rng.fromState(dropout);
            int epoch = in.readInt(), next = in.readInt();
            if (epoch < 0 || next < 0) {
                throw new IOException("partition " + p + " has epoch " + epoch + " and next batch " + next);
            }
            positions[p] = new Position(shuffle, dropout, epoch, next);
        }
        int count = in.readInt();
        if (count != round || count > in.available() / 16) {
            throw new IOException("the history holds " + count + " rounds, the checkpoint is at round " + round);
        }
        List<DistributedTrainer.RoundStats> history = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            history.add(new DistributedTrainer.RoundStats(r, in.readDouble(), in.readDouble()));
        }
        if (in.available() != 0) {
            throw new IOException(in.available() + " bytes follow the history");
        }
        return new Saved(round, state, positions, history);
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
