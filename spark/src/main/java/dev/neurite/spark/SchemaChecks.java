package dev.neurite.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The checks of {@code transformSchema}: column present, of the right type and vector size, outputs free. */
final class SchemaChecks {
    private SchemaChecks() {}

    private static StructField field(StructType schema, String col, String role) {
        if (!Arrays.asList(schema.fieldNames()).contains(col)) {
            throw new IllegalArgumentException("the " + role + " column '" + col + "' is not in the data (its columns: "
                    + String.join(", ", schema.fieldNames()) + "); set " + role + "Col to one of them");
        }
        return schema.apply(col);
    }

    /**
     * The features column is a vector; of {@code size} values when its metadata tells its size and
     * {@code size >= 0}. Returns the size the metadata tells, or -1.
     */
    static int features(StructType schema, String col, int size) {
        StructField f = field(schema, col, "features");
        if (!f.dataType().equals(SQLDataTypes.VectorType())) {
            throw new IllegalArgumentException("the features column '" + col + "' must be a vector"
                    + " (org.apache.spark.ml.linalg.Vector, e.g. from a VectorAssembler), was " + f.dataType().simpleString());
        }
        int known = AttributeGroup.fromStructField(f).size();
        if (size >= 0 && known >= 0 && known != size) {
            throw new IllegalArgumentException("the features column '" + col + "' holds vectors of " + known
                    + " values, the model takes " + size);
        }
        return known;
    }

    /** The label column is numeric. */
    static void label(StructType schema, String col, boolean classes) {
        StructField f = field(schema, col, "label");
        if (!(f.dataType() instanceof NumericType)) {
            throw new IllegalArgumentException("the label column '" + col + "' must be numeric ("
                    + (classes ? "a class index 0, 1, 2, …: index text labels with a StringIndexer" : "the value to predict")
                    + "), was " + f.dataType().simpleString());
        }
    }

    /** The class names the label's metadata holds (a StringIndexer's), or null. */
    static List<String> classNames(StructType schema, String col) {
        Attribute a = Attribute.fromStructField(schema.apply(col));
        if (a instanceof NominalAttribute n && n.values().isDefined()) {
            return List.of(n.values().get());
        }
        return null;
    }

    /** The classes the label's metadata counts (a StringIndexer's), or -1. */
    static int classCount(StructType schema, String col) {
        Attribute a = Attribute.fromStructField(schema.apply(col));
        if (a instanceof NominalAttribute n && n.getNumValues().isDefined()) {
            return (Integer) n.getNumValues().get();
        }
        return -1;
    }

    /** {@code schema} with the output column {@code col} added; refused when it is there already. */
    static StructType append(StructType schema, String col, DataType type) {
        if (Arrays.asList(schema.fieldNames()).contains(col)) {
            throw new IllegalArgumentException("the output column '" + col + "' is already in the data; drop it or"
                    + " choose another name");
        }
        return schema.add(col, type, false);
    }
}
