package dev.neurite.io;

import dev.neurite.data.FeatureColumn;
import dev.neurite.data.FeatureSchema;
import dev.neurite.data.TargetScaling;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code features} and {@code target_scaling} metadata of a model file as JSON (docs/model-format.md):
 * <pre>
 *   {"columns":[{"name":"age","kind":"numeric","fill":"38.5","indicator":true},
 *               {"name":"colour","kind":"categorical","categories":["blue","red"],"fill":"red"}],
 *    "labels":["price"]}
 *   {"mean":[152.13],"std":[77.0]}
 * </pre>
 * A numeric fill is written as the text of the double ({@link Double#toString}), so it reads back exactly;
 * {@code fill} is absent when missing cells are refused, {@code indicator} when false.
 */
final class SchemaJson {
    static final String FEATURES = "features", TARGET_SCALING = "target_scaling";

    private SchemaJson() {}

    static String write(FeatureSchema schema) {
        List<Object> columns = new ArrayList<>();
        for (FeatureColumn c : schema.columns()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("kind", c.isCategorical() ? "categorical" : "numeric");
            if (c.isCategorical()) {
                m.put("categories", c.categories());
            }
            if (c.imputes()) {
                m.put("fill", c.isCategorical() ? c.fillCategory() : Double.toString(c.fill()));
            }
            if (c.indicator()) {
                m.put("indicator", true);
            }
            columns.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("columns", columns);
        out.put("labels", schema.labels());
        return Json.write(out);
    }

    /** @throws IllegalArgumentException naming what is wrong */
    static FeatureSchema read(String json) {
        if (!(JsonReader.parse(json) instanceof Map<?, ?> root) || !(root.get("columns") instanceof List<?> cols)
                || !(root.get("labels") instanceof List<?> labels) || root.size() != 2) {
            throw new IllegalArgumentException("features must be an object of 'columns' and 'labels' lists");
        }
        if (cols.size() > 1_000_000) {
            throw new IllegalArgumentException("features has " + cols.size() + " columns");
        }
        List<FeatureColumn> columns = new ArrayList<>();
        for (Object o : cols) {
            if (!(o instanceof Map<?, ?> c) || !(c.get("name") instanceof String name) || !(c.get("kind") instanceof String kind)) {
                throw new IllegalArgumentException("features: each column needs a 'name' and a 'kind'");
            }
            for (Object key : c.keySet()) {
                if (!List.of("name", "kind", "categories", "fill", "indicator").contains(key)) {
                    throw new IllegalArgumentException("features: column '" + HeaderReader.shown(name) + "' has the unknown field '"
                            + HeaderReader.shown(String.valueOf(key)) + "'");
                }
            }
            Object fill = c.get("fill");
            if (fill != null && !(fill instanceof String)) {
                throw new IllegalArgumentException("features: column '" + HeaderReader.shown(name) + "': fill must be a string");
            }
            boolean indicator = Boolean.TRUE.equals(c.get("indicator"));
            if (c.containsKey("indicator") && !indicator) {
                throw new IllegalArgumentException("features: column '" + HeaderReader.shown(name) + "': indicator is written only as true");
            }
            switch (kind) {
                case "numeric" -> {
                    if (c.containsKey("categories")) {
                        throw new IllegalArgumentException("features: numeric column '" + HeaderReader.shown(name) + "' has categories");
                    }
                    columns.add(FeatureColumn.numeric(name, fill == null ? Double.NaN : number(name, (String) fill), indicator));
                }
                case "categorical" -> columns.add(FeatureColumn.categorical(name, strings("categories of '" + name + "'",
                        c.get("categories")), (String) fill, indicator));
                default -> throw new IllegalArgumentException("features: column '" + HeaderReader.shown(name) + "' has kind '"
                        + HeaderReader.shown(kind) + "' (numeric or categorical)");
            }
        }
        return new FeatureSchema(columns, strings("labels", labels));
    }

    private static double number(String column, String text) {
        if (!dev.neurite.io.SchemaJson.NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException("features: column '" + HeaderReader.shown(column) + "': fill '"
                    + HeaderReader.shown(text) + "' is not a finite number");
        }
        return Double.parseDouble(text);
    }

    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private static List<String> strings(String what, Object value) {
        if (!(value instanceof List<?> list) || !list.stream().allMatch(o -> o instanceof String)) {
            throw new IllegalArgumentException("features: " + HeaderReader.shown(what) + " must be a list of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }

    static String write(TargetScaling scaling) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mean", scaling.mean());
        out.put("std", scaling.std());
        return Json.write(out);
    }
}
