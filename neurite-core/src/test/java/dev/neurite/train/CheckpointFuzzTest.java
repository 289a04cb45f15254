package dev.neurite.train;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.neurite.fuzz.FuzzGuard;
import dev.neurite.model.Network;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes {@link Checkpoint#read}. The fuzzer's input is a checkpoint's body; the target appends its
 * SHA-256, so mutations reach the fields instead of stopping at the checksum. Seeds: a valid body for
 * a {@code 2-3tanh-2softmax} network over 4 examples with one optimizer array per tensor, fingerprint
 * {@code fuzz} (under {@code CheckpointFuzzTestInputs/checkpoint/}). Only IOExceptions may escape.
 */
class CheckpointFuzzTest {
    private static final Network NETWORK = Network.of("2-3tanh-2softmax", 1);

    @FuzzTest(maxDuration = "60s")
    void checkpoint(byte[] body) throws Exception {
        byte[] sum = MessageDigest.getInstance("SHA-256").digest(body);
        byte[] file = Arrays.copyOf(body, body.length + sum.length);
        System.arraycopy(sum, 0, file, body.length, sum.length);
        List<float[]> optimizer = NETWORK.params().stream().map(p -> new float[p.size()]).toList();
        FuzzGuard.check(file, "fuzz.nrtckpt", 16, f -> Checkpoint.read(f, "fuzz", NETWORK, 4, optimizer, 10, 2),
                IOException.class);
    }
}
