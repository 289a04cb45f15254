package dev.neurite.data;

import java.util.List;
import java.util.Objects;

/**
 * One input column of a table as a model reads it: numeric (one input) or categorical (one input per
 * category, one-hot), with the value that fills a missing cell and whether a missing-indicator input
 * records that it was missing.
 *
 * @param name        the column's header name
 * @param categories  a categorical column's categories in input order (sorted, as scikit-learn's
 *                    {@code OneHotEncoder} orders them); null for a numeric column
 * @param fill        a numeric column's fill value for a missing cell; NaN when missing cells are refused
 * @param fillCategory a categorical column's fill category; null when missing cells are refused
 * @param indicator   whether an extra 0/1 input (after all the columns' inputs) marks a missing cell
 */
public record FeatureColumn(String name, List<String> categories, double fill, String fillCategory, boolean indicator) {
    public FeatureColumn {
        Objects.requireNonNull(name, "name");
        if (categories != null) {
            categories = List.copyOf(categories);
            if (categories.isEmpty()) {
                throw new IllegalArgumentException("categorical column '" + name + "' has no categories");
            }
            if (new java.util.HashSet<>(categories).size() != categories.size()) {
                throw new IllegalArgumentException("categorical column '" + name + "' lists a category twice");
            }
            if (!Double.isNaN(fill)) {
                throw new IllegalArgumentException("categorical column '" + name + "' has a numeric fill " + fill);
            }
            if (fillCategory != null && !categories.contains(fillCategory)) {
                throw new IllegalArgumentException("column '" + name + "': fill category '" + fillCategory
                        + "' is not one of its categories");
            }
        } else {
            if (fillCategory != null) {
                throw new IllegalArgumentException("numeric column '" + name + "' has a fill category '" + fillCategory + "'");
            }
            if (Double.isInfinite(fill)) {
                throw new IllegalArgumentException("column '" + name + "': fill must be finite, was " + fill);
            }
        }
        if (indicator && !imputes(categories, fill, fillCategory)) {
            throw new IllegalArgumentException("column '" + name + "' has a missing indicator but no fill value");
        }
    }

    private static boolean imputes(List<String> categories, double fill, String fillCategory) {
        return categories == null ? !Double.isNaN(fill) : fillCategory != null;
    }

    /** A numeric column; {@code fill} NaN refuses missing cells. */
    public static FeatureColumn numeric(String name, double fill, boolean indicator) {
        return new FeatureColumn(name, null, fill, null, indicator);
    }

    /** A categorical column; {@code fillCategory} null refuses missing cells. */
    public static FeatureColumn categorical(String name, List<String> categories, String fillCategory, boolean indicator) {
        return new FeatureColumn(name, categories, Double.NaN, fillCategory, indicator);
    }

    /** Whether the column holds categories. */
    public boolean isCategorical() {
        return categories != null;
    }

    /** Whether a missing cell is filled (else it is an error). */
    public boolean imputes() {
        return imputes(categories, fill, fillCategory);
    }

    /** The number of inputs the column's values take (the indicator not counted). */
    public int width() {
        return categories == null ? 1 : categories.size();
    }
}
