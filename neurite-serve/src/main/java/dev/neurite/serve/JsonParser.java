package dev.neurite.serve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON parser (RFC 8259) for request bodies: objects become {@code LinkedHashMap}s, arrays
 * {@code List}s (an array of numbers only, a compact {@link JsonNumbers}), strings {@code String}s, numbers {@link Num} (their text, so FP32 data is parsed straight
 * to the nearest float, as the CSV reader does, never through a double). Duplicate keys, trailing
 * content, control characters in strings and nesting deeper than the limit are errors naming the offset.
 * The body's size is bounded before it gets here, so the tree is at most a few times its size.
 */
final class JsonParser {
    /** A JSON number, kept as its place in the body (its text is cut out only when asked for). */
    static final class Num {
        /** Exact float powers of ten: 10^10 = 2^10 · 5^10 and 5^10 < 2^24. */
        private static final float[] POW10 = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f};

        private final String src;
        private final int start;
        private final int end;

        Num(String text) {
            this(text, 0, text.length());
        }

        Num(String src, int start, int end) {
            this.src = src;
            this.start = start;
            this.end = end;
        }

        String text() {
            return src.substring(start, end);
        }

        /**
         * The nearest float, as {@link Float#parseFloat} gives it. Plain decimals of at most 9 digits whose
         * digits make an integer m ≤ 2^24 with at most 10 after the point take the exact fast path (Clinger,
         * 1990): m and 10^k are both floats, so the one correctly rounded division m / 10^k is the nearest
         * float to the decimal. Anything else (exponents, longer numbers) goes through the JDK's parser.
         */
        float fp32() {
            return fp32(src, start, end);
        }

        /** {@link #fp32()} of the number at {@code [start, end)} of {@code src}. */
        static float fp32(String src, int start, int end) {
            int k = start;
            boolean negative = src.charAt(k) == '-';
            if (negative) {
                k++;
            }
            long m = 0;
            int digits = 0;
            int scale = 0;
            boolean point = false;
            for (; k < end; k++) {
                char c = src.charAt(k);
                if (c == '.') {
                    point = true;
                    continue;
                }
                if (c < '0' || c > '9' || (m != 0 || c != '0') && ++digits > 9) {
                    return Float.parseFloat(src.substring(start, end));
                }
                m = m * 10 + (c - '0');
                if (point) {
                    scale++;
                }
            }
            if (m > 1 << 24 || scale >= POW10.length) {
                return Float.parseFloat(src.substring(start, end));
            }
            float v = (float) m / POW10[scale];
            return negative ? -v : v;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Num n && n.text().equals(text());
        }

        @Override
        public int hashCode() {
            return text().hashCode();
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * The calling thread's growing array of spans while an array is read; each array then keeps an exact copy
     * (growing a new array per request by doubling allocated four times what it kept: a quarter of a request's
     * allocation under load, measured with JFR). Nested arrays are read only after the outer one has stopped
     * collecting spans, so one per thread suffices. It grows only as far as a body's numbers, which --max-body
     * bounds.
     */
    private static final ThreadLocal<int[]> SPANS = ThreadLocal.withInitial(() -> new int[64]);

    private final String s;
    private final int maxDepth;
    private int i;

    private JsonParser(String s, int maxDepth) {
        this.s = s;
        this.maxDepth = maxDepth;
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} naming the offset on any error. */
    static Object parse(String text, int maxDepth) {
        JsonParser p = new JsonParser(text, maxDepth);
        p.ws();
        Object v = p.value(0);
        p.ws();
        if (p.i != text.length()) {
            throw p.error("unexpected content after the JSON value");
        }
        return v;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("malformed JSON at offset " + i + ": " + what);
    }

    private void ws() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            i++;
        }
    }

    private Object value(int depth) {
        if (i >= s.length()) {
            throw error("unexpected end of the body");
        }
        char c = s.charAt(i);
        switch (c) {
            case '{': return object(depth + 1);
            case '[': return array(depth + 1);
            case '"': return string();
            case 't': return literal("true", Boolean.TRUE);
            case 'f': return literal("false", Boolean.FALSE);
            case 'n': return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + printable(c) + "'");
        }
    }

    private void enter(int depth) {
        if (depth > maxDepth) {
            throw error("nesting deeper than " + maxDepth);
        }
        i++;
        ws();
    }

    private Map<String, Object> object(int depth) {
        enter(depth);
        Map<String, Object> m = new LinkedHashMap<>();
        if (peek() == '}') {
            i++;
            return m;
        }
        while (true) {
            if (peek() != '"') {
                throw error("expected a string key");
            }
            String key = string();
            ws();
            expect(':');
            ws();
            if (m.containsKey(key)) {
                throw error("duplicate key \"" + key + "\"");
            }
            m.put(key, value(depth));
            ws();
            char c = next();
            if (c == '}') {
                return m;
            }
            if (c != ',') {
                i--;
                throw error("expected ',' or '}'");
            }
            ws();
        }
    }

    /**
     * An array: while its elements are numbers they are kept as spans ({@link JsonNumbers}); at the first element
     * that is not a number the spans so far become {@link Num}s in an {@code ArrayList}, which takes the rest.
     */
    private List<Object> array(int depth) {
        enter(depth);
        if (peek() == ']') {
            i++;
            return new ArrayList<>();
        }
        List<Object> list = null;
        int[] spans = SPANS.get();
        int n = 0;
        while (true) {
            char c = peek();
            if (list == null && (c == '-' || (c >= '0' && c <= '9'))) {
                if (2 * n == spans.length) {
                    spans = Arrays.copyOf(spans, 2 * spans.length);
                    SPANS.set(spans);
                }
                spans[2 * n] = i;
                scanNumber();
                spans[2 * n + 1] = i;
                n++;
            } else {
                if (list == null) {
                    list = new ArrayList<>(new JsonNumbers(s, Arrays.copyOf(spans, 2 * n), n));
                }
                list.add(value(depth));
            }
            ws();
            char d = next();
            if (d == ']') {
                return list != null ? list : new JsonNumbers(s, Arrays.copyOf(spans, 2 * n), n);
            }
            if (d != ',') {
                i--;
                throw error("expected ',' or ']'");
            }
            ws();
        }
    }

    private String string() {
        i++;
        StringBuilder b = null;
        int start = i;
        while (true) {
            if (i >= s.length()) {
                throw error("unterminated string");
            }
            char c = s.charAt(i);
            if (c == '"') {
                String out = b == null ? s.substring(start, i) : b.append(s, start, i).toString();
                i++;
                return out;
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c != '\\') {
                i++;
                continue;
            }
            if (b == null) {
                b = new StringBuilder();
            }
            b.append(s, start, i);
            i++;
            char e = next();
            switch (e) {
                case '"': b.append('"'); break;
                case '\\': b.append('\\'); break;
                case '/': b.append('/'); break;
                case 'b': b.append('\b'); break;
                case 'f': b.append('\f'); break;
                case 'n': b.append('\n'); break;
                case 'r': b.append('\r'); break;
                case 't': b.append('\t'); break;
                case 'u': b.append(hex4()); break;
                default: i--; throw error("bad escape '\\" + printable(e) + "'");
            }
            start = i;
        }
    }

    private char hex4() {
        if (i + 4 > s.length()) {
            throw error("short \\u escape");
        }
        int v = 0;
        for (int k = 0; k < 4; k++) {
            int d = Character.digit(s.charAt(i + k), 16);
            if (d < 0) {
                throw error("bad \\u escape");
            }
            v = v * 16 + d;
        }
        i += 4;
        return (char) v;
    }

    private Num number() {
        int start = i;
        scanNumber();
        return new Num(s, start, i);
    }

    /** Moves past one number, checking its grammar. */
    private void scanNumber() {
        if (peek() == '-') {
            i++;
        }
        if (peek() == '0') {
            i++;
        } else if (digit()) {
            digits();
        } else {
            throw error("expected a digit");
        }
        if (peek() == '.') {
            i++;
            if (!digit()) {
                throw error("expected a digit after '.'");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            i++;
            if (peek() == '+' || peek() == '-') {
                i++;
            }
            if (!digit()) {
                throw error("expected a digit in the exponent");
            }
            digits();
        }
    }

    private boolean digit() {
        char c = peek();
        return c >= '0' && c <= '9';
    }

    private void digits() {
        while (digit()) {
            i++;
        }
    }

    private Object literal(String word, Object v) {
        if (!s.startsWith(word, i)) {
            throw error("unexpected character '" + printable(s.charAt(i)) + "'");
        }
        i += word.length();
        return v;
    }

    private char peek() {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private char next() {
        if (i >= s.length()) {
            throw error("unexpected end of the body");
        }
        return s.charAt(i++);
    }

    private void expect(char c) {
        if (next() != c) {
            i--;
            throw error("expected '" + c + "'");
        }
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
