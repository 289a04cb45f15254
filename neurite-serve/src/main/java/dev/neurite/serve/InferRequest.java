package dev.neurite.serve;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of {@code POST /v2/models/{name}/infer}, checked: one input tensor named {@code input} of
 * shape {@code [N, features]} (or {@code [features]} for one row, or {@code [N, d1, d2, …]} whose trailing
 * dimensions multiply to the features), datatype FP32, FP64, INT32 or INT64, data flat or nested in
 * row-major order. FP32 values are read straight to the nearest float (as the CSV reader does); FP64 and
 * integers are rounded to the nearest float, the network's type. Every problem is a 400 naming it.
 *
 * @param id      the request's id, echoed; null when absent
 * @param x       the rows, {@code rows × features} floats, row-major
 * @param rows    the number of rows
 * @param outputs the outputs asked for, or null for all
 */
record InferRequest(String id, float[] x, int rows, Set<String> outputs) {
    static final String INPUT = "input";
    private static final Set<String> REQUEST_KEYS = Set.of("id", "parameters", "inputs", "outputs");
    private static final Set<String> TENSOR_KEYS = Set.of("name", "shape", "datatype", "data", "parameters");
    private static final Set<String> DATATYPES = Set.of("FP32", "FP64", "INT32", "INT64");

    /** Reads and checks {@code body} for a model of {@code features} inputs with these outputs. */
    static InferRequest parse(String body, int features, List<String> known, int maxRows, int maxDepth) {
        Object tree;
        try {
            tree = JsonParser.parse(body, maxDepth);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
        if (!(tree instanceof Map<?, ?> top)) {
            throw HttpError.badRequest("the body must be a JSON object with \"inputs\"");
        }
        for (Object k : top.keySet()) {
            if (!REQUEST_KEYS.contains(k)) {
                throw HttpError.badRequest("unknown key \"" + k + "\" in the request: expected id, parameters, inputs, outputs");
            }
        }
        Object id = top.get("id");
        if (id != null && !(id instanceof String)) {
            throw HttpError.badRequest("\"id\" must be a string, was " + JsonOut.write(id instanceof JsonParser.Num n ? n.text() : id));
        }
        if (!(top.get("inputs") instanceof List<?> inputs) || inputs.size() != 1) {
            throw HttpError.badRequest("\"inputs\" must be a list of one tensor, named \"" + INPUT + "\"");
        }
        if (!(inputs.get(0) instanceof Map<?, ?> tensor)) {
            throw HttpError.badRequest("inputs[0] must be an object with name, shape, datatype and data");
        }
        Tensor t = Tensor.of(tensor, features, maxRows);
        return new InferRequest((String) id, t.values(), t.rows(), outputs(top.get("outputs"), known));
    }

    private static Set<String> outputs(Object spec, List<String> known) {
        if (spec == null) {
            return null;
        }
        if (!(spec instanceof List<?> list)) {
            throw HttpError.badRequest("\"outputs\" must be a list of {\"name\": ...}");
        }
        Set<String> names = new LinkedHashSet<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("name") instanceof String name)) {
                throw HttpError.badRequest("each of \"outputs\" must be an object with a string \"name\"");
            }
            if (!known.contains(name)) {
                throw HttpError.badRequest("unknown output \"" + name + "\": the model has " + String.join(", ", known));
            }
            names.add(name);
        }
        return names;
    }

    /** The checked input tensor. */
    private record Tensor(float[] values, int rows) {
        static Tensor of(Map<?, ?> t, int features, int maxRows) {
            for (Object k : t.keySet()) {
                if (!TENSOR_KEYS.contains(k)) {
                    throw HttpError.badRequest("unknown key \"" + k + "\" in input: expected name, shape, datatype, data, parameters");
                }
            }
            Object name = t.get("name");
            if (!INPUT.equals(name)) {
                throw HttpError.badRequest("unknown input " + (name instanceof String s ? "\"" + s + "\"" : String.valueOf(name))
                        + ": the model has one input, \"" + INPUT + "\"");
            }
            String type = t.get("datatype") instanceof String s ? s : null;
            if (type == null || !DATATYPES.contains(type)) {
                throw HttpError.badRequest("input \"input\": datatype must be FP32, FP64, INT32 or INT64, was "
                        + (type == null ? String.valueOf(t.get("datatype")) : "\"" + type + "\""));
            }
            long[] shape = shape(t.get("shape"));
            long rows = shape.length == 1 ? 1 : shape[0];
            long perRow = 1;
            for (int d = shape.length == 1 ? 0 : 1; d < shape.length; d++) {
                perRow *= shape[d];
            }
            if (perRow != features || (shape.length > 1 && rows == 0)) {
                throw HttpError.badRequest("input \"input\": expected shape [N, " + features + "] with N >= 1, found "
                        + java.util.Arrays.toString(shape));
            }
            if (rows > maxRows) {
                throw HttpError.badRequest("input \"input\": " + rows + " rows, more than the limit of " + maxRows + " (--max-rows)");
            }
            int expected = (int) (rows * features);
            int found = leaves(t.get("data"), 0, expected);
            if (found != expected) {
                throw HttpError.badRequest("input \"input\": shape " + java.util.Arrays.toString(shape) + " holds "
                        + expected + " values, data has " + found);
            }
            float[] x = new float[expected];
            fill((List<?>) t.get("data"), type, x, 0);
            return new Tensor(x, (int) rows);
        }

        private static long[] shape(Object s) {
            if (!(s instanceof List<?> dims) || dims.isEmpty() || dims.size() > 8) {
                throw HttpError.badRequest("input \"input\": shape must be a list of 1 to 8 sizes, was "
                        + s);
            }
            long[] shape = new long[dims.size()];
            for (int d = 0; d < shape.length; d++) {
                try {
                    shape[d] = Long.parseLong(dims.get(d) instanceof JsonParser.Num n ? n.text() : "x");
                } catch (NumberFormatException e) {
                    shape[d] = -1;
                }
                if (shape[d] < 0 || shape[d] > Integer.MAX_VALUE) {
                    throw HttpError.badRequest("input \"input\": shape[" + d + "] must be a size (an integer >= 0), was "
                            + dims.get(d));
                }
            }
            return shape;
        }

        /**
         * {@code n} plus the number of leaves of {@code data} in row-major order, counted until there are more
         * than {@code limit} (a larger count is not counted to its end).
         */
        private static int leaves(Object data, int n, int limit) {
            if (!(data instanceof List<?> list)) {
                throw HttpError.badRequest("input \"input\": data must be a list (flat or nested), was " + data);
            }
            if (list instanceof JsonNumbers) {
                return n + list.size();
            }
            for (Object o : list) {
                if (n > limit) {
                    return n;
                }
                n = o instanceof List<?> ? leaves(o, n, limit) : n + 1;
            }
            return n;
        }

        /** Writes the leaves of {@code list}, checked and converted, into {@code x} from {@code k}; returns the next k. */
        private static int fill(List<?> list, String type, float[] x, int k) {
            if (list instanceof JsonNumbers nums && type.equals("FP32")) {
                for (int e = 0; e < nums.size(); e++, k++) {
                    float v = nums.fp32(e);
                    if (!Float.isFinite(v)) {
                        throw HttpError.badRequest("input \"input\": data[" + k + "] is " + nums.get(e).text() + ", too large for FP32");
                    }
                    x[k] = v;
                }
                return k;
            }
            for (Object o : list) {
                if (o instanceof List<?> inner) {
                    k = fill(inner, type, x, k);
                } else {
                    x[k] = value(o, type, k);
                    k++;
                }
            }
            return k;
        }

        private static float value(Object o, String type, int k) {
            if (!(o instanceof JsonParser.Num n)) {
                throw HttpError.badRequest("input \"input\": data[" + k + "] is " + (o instanceof String s ? JsonOut.write(s) : o)
                        + ", not a number");
            }
            float v;
            if (type.equals("FP32")) {
                v = n.fp32();
                if (!Float.isFinite(v)) {
                    throw HttpError.badRequest("input \"input\": data[" + k + "] is " + n.text() + ", too large for FP32");
                }
                return v;
            }
            String text = n.text();
            if (type.startsWith("INT")) {
                long l;
                try {
                    l = Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw HttpError.badRequest("input \"input\": data[" + k + "] is " + text + ", not an " + type);
                }
                if (type.equals("INT32") && (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE)) {
                    throw HttpError.badRequest("input \"input\": data[" + k + "] is " + text + ", outside INT32");
                }
                v = l;
            } else {
                v = (float) Double.parseDouble(text);
            }
            if (!Float.isFinite(v)) {
                throw HttpError.badRequest("input \"input\": data[" + k + "] is " + text + ", too large for FP32");
            }
            return v;
        }
    }
}
