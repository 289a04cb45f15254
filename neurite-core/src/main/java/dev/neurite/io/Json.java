package dev.neurite.io;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Neurite's one JSON writer: model headers, the command line's {@code --json} lines, reports. An object
 * built with {@link #put} keeps its keys in insertion order; {@link #write} writes maps, lists, arrays,
 * strings, numbers, booleans and nested {@code Json} objects compactly. A non-finite double is written as
 * {@code null}, never as a bare {@code NaN} that no JSON reader accepts; other doubles get ten significant
 * digits ({@code 0.25}, {@code 1.5e-10}).
 */
public final class Json {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    /** An empty object. */
    public Json() {}

    /** Adds {@code key} (replacing an earlier value) and returns this object. */
    public Json put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    /**
     * Parses strict JSON (RFC 8259): objects as {@code LinkedHashMap}s, arrays as {@code List}s, numbers as
     * {@code Double}s (or {@code Long}s when integral and exact); duplicate keys, trailing content and
     * nesting deeper than 32 are refused with an {@link IllegalArgumentException} that starts
     * {@code "JSON offset N: "}, N the offset in {@code text} of the bad character.
     */
    public static Object parse(String text) {
        return JsonReader.parse(text);
    }

    /** The object as one line of compact JSON. */
    @Override
    public String toString() {
        return write(fields);
    }

    /** {@code v} as compact JSON, map keys in their iteration order. */
    public static String write(Object v) {
        StringBuilder sb = new StringBuilder();
        write(v, sb, false);
        return sb.toString();
    }

    /**
     * {@code v} in canonical form: object keys sorted, no spaces, every character outside printable ASCII
     * escaped as {@code \}{@code uXXXX}: exactly Python's {@code json.dumps(v, sort_keys=True,
     * separators=(",", ":"))} for strings, integers, lists and objects.
     */
    static String canonical(Object v) {
        StringBuilder sb = new StringBuilder();
        write(v, sb, true);
        return sb.toString();
    }

    private static void write(Object v, StringBuilder sb, boolean canonical) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Json json) {
            write(json.fields, sb, canonical);
        } else if (v instanceof Map<?, ?> map) {
            Map<String, Object> entries = canonical ? new TreeMap<>() : new LinkedHashMap<>();
            map.forEach((k, x) -> entries.put(String.valueOf(k), x));
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : entries.entrySet()) {
                sb.append(first ? "" : ",");
                first = false;
                string(e.getKey(), sb, canonical);
                sb.append(':');
                write(e.getValue(), sb, canonical);
            }
            sb.append('}');
        } else if (v instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : ",");
                write(list.get(i), sb, canonical);
            }
            sb.append(']');
        } else if (v instanceof double[] a) {
            write(Arrays.stream(a).boxed().toList(), sb, canonical);
        } else if (v instanceof float[] a) {
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = a[i];
            }
            write(d, sb, canonical);
        } else if (v instanceof long[] a) {
            write(Arrays.stream(a).boxed().toList(), sb, canonical);
        } else if (v instanceof int[] a) {
            write(Arrays.stream(a).boxed().toList(), sb, canonical);
        } else if (v instanceof Object[] a) {
            write(Arrays.asList(a), sb, canonical);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            sb.append(Double.isFinite(d) ? number(d) : "null");
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else {
            string(v.toString(), sb, canonical);
        }
    }

    /** Ten significant digits, trailing zeros of the mantissa dropped: 0.25, 1.5e-10, 12345. */
    public static String number(double d) {
        String t = String.format(Locale.ROOT, "%.10g", d);
        int e = t.indexOf('e');
        String mantissa = e < 0 ? t : t.substring(0, e), exponent = e < 0 ? "" : t.substring(e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceFirst("0+$", "").replaceFirst("\\.$", "");
        }
        return mantissa + exponent;
    }

    private static void string(String s, StringBuilder sb, boolean asciiOnly) {
        sb.append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || (asciiOnly && c > 0x7e)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
