package dev.neurite.io;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the one digest of Neurite's files: model tensors and headers, checkpoints, the MNIST files. */
public final class Sha256 {
    private Sha256() {}

    /** A fresh SHA-256 digest (every JDK has one). */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The digest of {@code bytes[0, length)}. */
    public static byte[] of(byte[] bytes, int length) {
        MessageDigest sha = digest();
        sha.update(bytes, 0, length);
        return sha.digest();
    }

    /** The digest of the buffer's remaining bytes, in lowercase hex; the buffer's position moves to its limit. */
    public static String hex(ByteBuffer bytes) {
        MessageDigest sha = digest();
        sha.update(bytes);
        return HexFormat.of().formatHex(sha.digest());
    }
}
