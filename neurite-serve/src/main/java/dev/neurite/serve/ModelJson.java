package dev.neurite.serve;

import dev.neurite.io.SavedModel;
import dev.neurite.model.OutputHead;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The JSON shapes of the protocol for one model: its metadata, its output names and an infer response. */
final class ModelJson {
    static final String VERSION = "1";
    /** The model-file metadata key of the feature names shown in the model metadata: a JSON list of strings. */
    static final String FEATURES = "user.features";
    static final String PROBABILITIES = "probabilities", LABEL = "label", LABEL_NAME = "label_name", VALUES = "values";

    private ModelJson() {}

    /** The outputs this model gives, in response order. */
    static List<String> outputs(SavedModel m) {
        OutputHead head = m.head();
        if (head.isRegression()) {
            return List.of(VALUES);
        }
        return head.names() == null ? List.of(PROBABILITIES, LABEL) : List.of(PROBABILITIES, LABEL, LABEL_NAME);
    }

    /** {@code GET /v2/models/{name}}: inputs and outputs with -1 for the batch, and Neurite's own parameters. */
    static Map<String, Object> metadata(String name, SavedModel m) {
        OutputHead head = m.head();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("versions", List.of(VERSION));
        out.put("platform", "neurite");
        out.put("inputs", List.of(tensor(InferRequest.INPUT, "FP32", -1, m.network().inputSize())));
        List<Object> outputs = new ArrayList<>();
        for (String o : outputs(m)) {
            outputs.add(switch (o) {
                case PROBABILITIES -> tensor(o, "FP32", -1, head.classes());
                case VALUES -> tensor(o, "FP32", -1, head.outputs());
                case LABEL -> tensor(o, "INT64", -1);
                default -> tensor(o, "BYTES", -1);
            });
        }
        out.put("outputs", outputs);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("architecture", m.network().architecture().toSpec());
        p.put("task", head.isRegression() ? "regression" : "classification");
        p.put("loss", m.loss().cliName());
        p.put("normalization", m.normalization().kind().cliName());
        if (head.isRegression()) {
            p.put("target_names", head.names());
        } else {
            List<String> labels = new ArrayList<>();
            for (int c = 0; c < head.classes(); c++) {
                labels.add(head.label(c));
            }
            p.put("class_labels", labels);
        }
        p.put("feature_names", featureNames(m));
        out.put("parameters", p);
        return out;
    }

    /**
     * The name of each input: from the model's feature schema (a numeric column's name, {@code name=category}
     * for a one-hot input, {@code name_missing} for a missing indicator), else from the metadata key
     * {@value #FEATURES} (a JSON list of names) when the model file has one, else null.
     */
    private static Object featureNames(SavedModel m) {
        if (m.metadata().containsKey(SavedModel.FEATURES)) {
            try {
                return m.schema().inputNames();
            } catch (IllegalArgumentException e) {
                return null;                                  // checked when the file was loaded; never a 500 here
            }
        }
        String text = m.metadata().get(FEATURES);
        if (text == null) {
            return null;
        }
        try {
            Object v = JsonParser.parse(text, 4);
            if (v instanceof List<?> names && names.size() == m.network().inputSize()
                    && names.stream().allMatch(n -> n instanceof String)) {
                return names;
            }
        } catch (IllegalArgumentException e) {
            // not a list of names: none are shown
        }
        return null;
    }

    private static Map<String, Object> tensor(String name, String type, long... shape) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", name);
        t.put("datatype", type);
        t.put("shape", shape);
        return t;
    }

    /** The infer response: {@code outputs} (null for all) of the answer, with the request's id. */
    static String response(String name, String id, SavedModel m, Answer a, Set<String> wanted) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model_name", name);
        out.put("model_version", VERSION);
        if (id != null) {
            out.put("id", id);
        }
        List<Object> tensors = new ArrayList<>();
        for (String o : outputs(m)) {
            if (wanted != null && !wanted.contains(o)) {
                continue;
            }
            Map<String, Object> t = switch (o) {
                case PROBABILITIES, VALUES -> tensor(o, "FP32", a.rows(), a.width());
                case LABEL -> tensor(o, "INT64", a.rows());
                default -> tensor(o, "BYTES", a.rows());
            };
            t.put("data", switch (o) {
                case PROBABILITIES, VALUES -> a.values();
                case LABEL -> a.classes();
                default -> names(m.head(), a.classes());
            });
            tensors.add(t);
        }
        out.put("outputs", tensors);
        return JsonOut.write(out);
    }

    private static List<String> names(OutputHead head, long[] classes) {
        List<String> out = new ArrayList<>(classes.length);
        for (long c : classes) {
            out.add(head.label((int) c));
        }
        return out;
    }
}
