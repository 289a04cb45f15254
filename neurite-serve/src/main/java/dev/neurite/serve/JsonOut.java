package dev.neurite.serve;

import java.util.List;
import java.util.Map;

/** JSON text for responses: strings escaped, floats in the shortest form that reads back to the same float. */
final class JsonOut {
    private JsonOut() {}

    /** An object with these keys and values, in this order: {@code object("name", n, "ready", true)}. */
    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int k = 0; k < keysAndValues.length; k += 2) {
            m.put((String) keysAndValues[k], keysAndValues[k + 1]);
        }
        return m;
    }

    /** The JSON of {@code v}: a Map, List, String, Boolean, Integer, Long, Float, Double, float[], long[] or null. */
    static String write(Object v) {
        StringBuilder b = new StringBuilder(256);
        value(b, v);
        return b.toString();
    }

    static void value(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String str) {
            string(b, str);
        } else if (v instanceof Float f) {
            number(b, f);
        } else if (v instanceof Double d) {
            b.append(Double.isFinite(d) ? d.toString() : "null");
        } else if (v instanceof Number || v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof float[] fs) {
            b.append('[');
            for (int k = 0; k < fs.length; k++) {
                if (k > 0) {
                    b.append(',');
                }
                number(b, fs[k]);
            }
            b.append(']');
        } else if (v instanceof long[] ls) {
            b.append('[');
            for (int k = 0; k < ls.length; k++) {
                b.append(k > 0 ? "," : "").append(ls[k]);
            }
            b.append(']');
        } else if (v instanceof Map<?, ?> m) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(first ? "" : ",");
                first = false;
                string(b, e.getKey().toString());
                b.append(':');
                value(b, e.getValue());
            }
            b.append('}');
        } else if (v instanceof List<?> list) {
            b.append('[');
            for (int k = 0; k < list.size(); k++) {
                b.append(k > 0 ? "," : "");
                value(b, list.get(k));
            }
            b.append(']');
        } else {
            throw new IllegalArgumentException("no JSON form for " + v.getClass().getName());
        }
    }

    /** Float.toString reads back to the same float; JSON has no NaN or infinity, so those become null. */
    private static void number(StringBuilder b, float f) {
        b.append(Float.isFinite(f) ? Float.toString(f) : "null");
    }

    static void string(StringBuilder b, String s) {
        b.append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
