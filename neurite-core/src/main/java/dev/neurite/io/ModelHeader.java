package dev.neurite.io;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The rules for a model file's header that the writer and the reader share: which metadata keys exist,
 * and {@code header_sha256}, the checksum of the header itself.
 *
 * <p>{@code header_sha256} is the SHA-256 (hex) of the header's canonical JSON: the whole header object
 * with {@code header_sha256} left out of {@code __metadata__}, object keys sorted, no spaces, every
 * character outside printable ASCII written as {@code \}{@code uXXXX} (lowercase hex, UTF-16 units).
 * That is exactly Python's {@code json.dumps(header, sort_keys=True, separators=(",", ":"))}, so any
 * reader can check it. It covers every metadata entry and every tensor's dtype, shape and offsets, so
 * one changed byte anywhere in the header (a key, the architecture, swapped offsets) is detected.
 */
final class ModelHeader {
    /** The key of the header checksum in {@code __metadata__}. */
    static final String HEADER_SHA256 = "header_sha256";
    /** Keys the format defines; {@link SavedModel#metadata()} may not use them. */
    static final Set<String> FORMAT_KEYS = Set.of("format", "format_version", "architecture", "bias", "init", "loss",
            "normalization", "class_names", "tensors_sha256", HEADER_SHA256);
    /** Provenance keys written by {@code neurite train}; documented in docs/model-format.md. */
    static final Set<String> PROVENANCE_KEYS = Set.of("seed", "data", "epochs", "created", "neurite_version", "optimizer",
            "test_accuracy", "test_loss", "test_rmse", "test_mae", "test_r2", "task", "targets",
            SchemaJson.FEATURES, SchemaJson.TARGET_SCALING, SavedModel.WEIGHT_COLUMN);
    /** Any other metadata key must start with this prefix. */
    static final String USER_PREFIX = "user.";
    /** The longest architecture text a file may hold (1,000 layers of the longest form fit). */
    static final int MAX_ARCHITECTURE_CHARS = 32 * 1024;

    private ModelHeader() {}

    /** True if {@code key} may appear in the metadata of a saved model (as provenance or a {@code user.} key). */
    static boolean isMetadataKey(String key) {
        return PROVENANCE_KEYS.contains(key) || (key.startsWith(USER_PREFIX) && key.length() > USER_PREFIX.length()
                && key.length() <= 128 && key.chars().allMatch(c -> c > 0x20 && c < 0x7f));
    }

    /** " (did you mean 'class_names'?)" when {@code key} is within two edits of a known key, else "". */
    static String nearMiss(String key) {
        if (key.length() > 40) {
            return "";
        }
        for (String known : new java.util.TreeSet<>(FORMAT_KEYS)) {
            if (distance(key, known) <= 2) {
                return " (did you mean '" + known + "'?)";
            }
        }
        return "";
    }

    private static int distance(String a, String b) {            // Levenshtein, two rows
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** {@code header_sha256} of a header (name → entry, with {@code __metadata__}); the checksum itself is ignored. */
    static String sha256(Map<String, Object> header) {
        Map<String, Object> copy = new LinkedHashMap<>(header);
        if (copy.get("__metadata__") instanceof Map<?, ?> meta) {
            Map<Object, Object> m = new LinkedHashMap<>(meta);
            m.remove(HEADER_SHA256);
            copy.put("__metadata__", m);
        }
        return Sha256.hex(java.nio.ByteBuffer.wrap(Json.canonical(copy).getBytes(StandardCharsets.US_ASCII)));
    }
}
