package dev.neurite.spark;

import dev.neurite.io.ModelFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.BiFunction;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.MLReader;

/** Loads what {@link ModelWriter} saved: the metadata's uid and params, and the model file (checked as {@code ModelFile.load} checks it). */
final class ModelReader<M extends NeuriteModel<M>> extends MLReader<M> {
    private final Class<M> type;
    private final BiFunction<String, byte[], M> create;

    ModelReader(Class<M> type, BiFunction<String, byte[], M> create) {
        this.type = type;
        this.create = create;
    }

    @Override
    public M load(String path) {
        DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(), type.getName());
        Path file = new Path(path, ModelWriter.MODEL_FILE);
        byte[] bytes;
        try {
            FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
            long length = fs.getFileStatus(file).getLen();
            if (length > ModelFile.MAX_BYTES) {
                throw new IOException("the model file has " + length + " bytes, more than a model file can hold");
            }
            bytes = new byte[(int) length];
            try (FSDataInputStream in = fs.open(file)) {
                in.readFully(bytes);
            }
            ModelFile.fromBytes(bytes, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + file + ": " + e.getMessage(), e);
        }
        M model = create.apply(metadata.uid(), bytes);
        metadata.getAndSetParams(model, scala.Option.empty());
        return model;
    }
}
