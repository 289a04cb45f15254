package dev.neurite.spark.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options and {@code --flag}s, each checked against the command's list; none given twice. */
final class Args {
    private final Map<String, String> values = new LinkedHashMap<>();

    Args(String command, List<String> args, Set<String> options, Set<String> flags) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!options.contains(a) && !flags.contains(a)) {
                throw new IllegalArgumentException("neurite-spark " + command + ": unknown option '" + a + "'; the options are "
                        + String.join(" ", new java.util.TreeSet<>(options)) + " " + String.join(" ", new java.util.TreeSet<>(flags)));
            }
            if (values.containsKey(a)) {
                throw new IllegalArgumentException(a + " is given twice");
            }
            if (flags.contains(a)) {
                values.put(a, "true");
            } else {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                values.put(a, args.get(++i));
            }
        }
    }

    boolean has(String name) { return values.containsKey(name); }

    String get(String name, String otherwise) { return values.getOrDefault(name, otherwise); }

    String required(String name, String what) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException(name + " is required: " + what);
        }
        return values.get(name);
    }

    int integer(String name, int otherwise) {
        String v = values.get(name);
        try {
            return v == null ? otherwise : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + v + "'");
        }
    }

    long longValue(String name, long otherwise) {
        String v = values.get(name);
        try {
            return v == null ? otherwise : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + v + "'");
        }
    }

    double number(String name, double otherwise) {
        String v = values.get(name);
        try {
            return v == null ? otherwise : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + v + "'");
        }
    }

    int[] sizes(String name, int[] otherwise) {
        String v = values.get(name);
        if (v == null) {
            return otherwise;
        }
        if (v.equals("0")) {
            return new int[0];
        }
        try {
            return java.util.Arrays.stream(v.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be sizes like 128 or 256,64 (0 for none), was '" + v + "'");
        }
    }
}
