package dev.neurite.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLWriter;

/**
 * Saves a model the Spark ML way, so {@code PipelineModel.load} finds it: {@code PATH/metadata} (class, uid,
 * Spark version, params) as Spark's own writer writes it, and {@code PATH/data/model.neurite}, the
 * Neurite model file itself, which {@code neurite predict} reads as it is.
 */
final class ModelWriter extends MLWriter {
    static final String MODEL_FILE = "data/model.neurite";

    private final Params instance;
    private final byte[] bytes;

    ModelWriter(Params instance, byte[] bytes) {
        this.instance = instance;
        this.bytes = bytes;
    }

    @Override
    public void saveImpl(String path) {
        DefaultParamsWriter$.MODULE$.saveMetadata(instance, path, sparkSession());
        Path file = new Path(path, MODEL_FILE);
        try {
            FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
            try (FSDataOutputStream out = fs.create(file, true)) {
                out.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
