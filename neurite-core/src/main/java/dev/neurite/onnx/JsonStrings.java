package dev.neurite.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON list of strings, the form {@link OnnxExport} writes class and feature names in
 * ({@code ["cat","dog"]}); anything else (another JSON value, a malformed escape, trailing text) gives null,
 * so a damaged property is ignored with a note rather than trusted.
 */
final class JsonStrings {
    private final String s;
    private int i;

    private JsonStrings(String s) {
        this.s = s;
    }

    static List<String> parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return new JsonStrings(text).list();
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private List<String> list() {
        List<String> out = new ArrayList<>();
        space();
        expect('[');
        space();
        if (s.charAt(i) == ']') {
            i++;
        } else {
            while (true) {
                space();
                out.add(string());
                space();
                char c = s.charAt(i++);
                if (c == ']') {
                    break;
                }
                if (c != ',') {
                    throw new IllegalArgumentException("expected , or ]");
                }
            }
        }
        space();
        if (i != s.length()) {
            throw new IllegalArgumentException("trailing text");
        }
        return out;
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = s.charAt(i++);
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                throw new IllegalArgumentException("control character");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(i++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> throw new IllegalArgumentException("bad escape");
            }
        }
    }

    private void expect(char c) {
        if (s.charAt(i++) != c) {
            throw new IllegalArgumentException("expected " + c);
        }
    }

    private void space() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }
}
