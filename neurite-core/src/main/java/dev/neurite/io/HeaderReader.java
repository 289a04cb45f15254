package dev.neurite.io;

import dev.neurite.model.Architecture;
import java.nio.charset.CharacterCodingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a model file's header for {@link ModelReader}: strict UTF-8 JSON, a {@code __metadata__} of strings
 * naming this format and a version written exactly, the header checksum (version 2), only known keys, an
 * architecture of bounded length written exactly as Neurite writes it, and class names that fit the network.
 */
final class HeaderReader {
    private final String source;

    /** @param source the file's path or the name of the bytes, for messages */
    HeaderReader(String source) {
        this.source = source;
    }

    private ModelFormatException fail(String what) {
        return new ModelFormatException(source, what);
    }

    @SuppressWarnings("unchecked")
    /** Parses the header, {@code length} bytes of {@code bytes} from {@code offset} (not copied). */
    Map<String, Object> parse(byte[] bytes, int offset, int length) throws ModelFormatException {
        String text;
        try {
            text = ModelFile.decodeUtf8(bytes, offset, length);
        } catch (CharacterCodingException e) {
            throw fail("offset 8: the header is not valid UTF-8");
        }
        Object parsed;
        try {
            parsed = JsonReader.parse(text);            // the padding is JSON whitespace
        } catch (IllegalArgumentException e) {
            throw fail("the header is not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map)) {
            throw fail("the header must be a JSON object");
        }
        return (Map<String, Object>) parsed;
    }

    Map<String, String> metadata(Map<String, Object> header) throws ModelFormatException {
        if (!(header.get("__metadata__") instanceof Map<?, ?> raw)) {
            throw fail("the header has no __metadata__ object; this is a safetensors file but not a Neurite model");
        }
        Map<String, String> meta = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            if (!(e.getValue() instanceof String v)) {
                throw fail("metadata: '" + shown((String) e.getKey()) + "' must be a string");
            }
            meta.put((String) e.getKey(), v);
        }
        if (!ModelFile.FORMAT.equals(meta.get("format"))) {
            throw fail("metadata: format is '" + shown(meta.get("format")) + "', expected '" + ModelFile.FORMAT + "'");
        }
        String versionText = meta.get("format_version");
        if (versionText == null || !versionText.matches("[1-9][0-9]{0,8}")) {
            throw fail("metadata: format_version '" + shown(versionText) + "' is not a version number such as \""
                    + ModelFile.VERSION + "\"");
        }
        int version = Integer.parseInt(versionText);
        if (version > ModelFile.VERSION) {
            throw fail("format version " + version + " is not " + ModelFile.VERSION
                    + "; it was written by a newer Neurite: upgrade to read it");
        }
        String arch = meta.get("architecture");
        if (arch != null && arch.length() > ModelHeader.MAX_ARCHITECTURE_CHARS) {
            throw fail("metadata: the architecture is " + arch.length() + " characters long, more than the "
                    + ModelHeader.MAX_ARCHITECTURE_CHARS + " a model may have");
        }
        checkHeaderSha256(header, meta, version);
        for (String key : meta.keySet()) {
            if (!ModelHeader.FORMAT_KEYS.contains(key) && !ModelHeader.isMetadataKey(key)) {
                throw fail("metadata: unknown key '" + shown(key) + "'" + ModelHeader.nearMiss(key)
                        + "; a model's own keys start with '" + ModelHeader.USER_PREFIX + "'");
            }
        }
        for (String key : List.of("architecture", "loss", "tensors_sha256")) {
            if (!meta.containsKey(key)) {
                throw fail("metadata: '" + key + "' is missing");
            }
        }
        return meta;
    }

    /** Version 2 records the header's own SHA-256; version 1 has none (and so may not have one). */
    private void checkHeaderSha256(Map<String, Object> header, Map<String, String> meta, int version)
            throws ModelFormatException {
        String recorded = meta.get(ModelHeader.HEADER_SHA256);
        if (version == 1) {
            if (recorded != null) {
                throw fail("metadata: format version 1 has no header_sha256, but this header has one: the header is corrupted");
            }
            return;
        }
        if (recorded == null) {
            throw fail("metadata: 'header_sha256' is missing (format version " + version + " requires it)");
        }
        String actual = ModelHeader.sha256(header);
        if (!actual.equals(recorded)) {
            throw fail("the header has SHA-256 " + actual + " but records " + shown(recorded)
                    + ": the header is corrupted");
        }
    }

    /** A value as a message shows it: at most 80 characters, anything unprintable as \\uXXXX. */
    static String shown(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < s.length() && k < 80; k++) {
            char c = s.charAt(k);
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return s.length() > 80 ? sb + "…" : sb.toString();
    }

    Architecture architecture(Map<String, String> meta) throws ModelFormatException {
        try {
            String bias = meta.getOrDefault("bias", "true");
            if (!bias.equals("true") && !bias.equals("false")) {
                throw new IllegalArgumentException("bias must be true or false, was '" + bias + "'");
            }
            String text = meta.get("architecture");
            Architecture arch = Architecture.parse(text, Boolean.parseBoolean(bias), initOf(meta.getOrDefault("init", "default")));
            if (!arch.toSpec().equals(text)) {
                throw new IllegalArgumentException("architecture '" + shown(text) + "' is not written as Neurite writes it ('"
                        + shown(arch.toSpec()) + "')");
            }
            return arch;
        } catch (IllegalArgumentException e) {
            throw fail("metadata: " + e.getMessage());
        }
    }

    private static dev.neurite.layer.Init initOf(String name) {
        return name.equals("default") ? null : dev.neurite.layer.Init.parse(name);
    }

    List<String> classNames(String json, int outputs) throws ModelFormatException {
        if (json == null) {
            return null;
        }
        Object parsed;
        try {
            parsed = JsonReader.parse(json);
        } catch (IllegalArgumentException e) {
            throw fail("metadata: class_names is not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof List<?> list) || !list.stream().allMatch(o -> o instanceof String)) {
            throw fail("metadata: class_names must be a JSON list of strings");
        }
        int expected = outputs == 1 ? 2 : outputs;
        if (list.size() != expected) {
            throw fail("metadata: class_names has " + list.size() + " names, the network's output needs " + expected);
        }
        return list.stream().map(String.class::cast).toList();
    }
}
