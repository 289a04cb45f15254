package dev.neurite.spark;

import dev.neurite.data.Normalization;
import dev.neurite.data.NormalizationKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Turns a DataFrame's feature and label columns into one cached {@link Shard} per partition. With
 * {@code workers > 0} the rows are first spread over that many partitions in contiguous ranges of their
 * position (partition p holds rows [p·N/W, (p+1)·N/W)), sorted by position inside each partition, so a
 * partition's content and order do not depend on which task finished first.
 */
final class Shards {
    private Shards() {}

    /** What the driver learns of each shard: its size, feature count and largest label (-1 for none). */
    record Info(int partition, int rows, int inputs, int maxLabel) implements java.io.Serializable {}

    static JavaRDD<Shard> pack(Dataset<?> data, String featuresCol, String labelCol, boolean classes, int workers) {
        JavaRDD<Row> rows = data.select(featuresCol, labelCol).toJavaRDD();
        if (workers > 0) {
            long total = rows.count();
            rows = rows.zipWithIndex().mapToPair(t -> new Tuple2<>(t._2(), t._1()))
                    .repartitionAndSortWithinPartitions(new Contiguous(workers, total)).values();
        }
        JavaRDD<Shard> shards = rows.mapPartitionsWithIndex(
                (p, it) -> List.of(pack(p, it, featuresCol, labelCol, classes)).iterator(), true);
        return shards.persist(StorageLevel.MEMORY_AND_DISK());
    }

    /** Sizes of every shard, in partition order. */
    static List<Info> infos(JavaRDD<Shard> shards) {
        List<Info> infos = new ArrayList<>(shards.map(s -> new Info(s.partition, s.rows, s.inputs,
                s.labels == null ? -1 : Arrays.stream(s.labels).max().orElse(-1))).collect());
        infos.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        return infos;
    }

    /**
     * {@code kind} fitted on every shard's rows in one job: each partition's {@link FeatureStatistics} in double,
     * gathered by {@code treeAggregate} keyed by partition and combined on the driver in partition order.
     */
    static Normalization fitNormalization(JavaRDD<Shard> shards, NormalizationKind kind, int inputs) {
        if (kind == NormalizationKind.NONE) {
            return Normalization.none(inputs);
        }
        boolean standard = kind == NormalizationKind.STANDARD;
        FeatureStatistics.ByPartition all = shards.map(s -> FeatureStatistics.of(s, standard))
                .treeAggregate(new FeatureStatistics.ByPartition(), FeatureStatistics.ByPartition::add,
                        FeatureStatistics.ByPartition::merge);
        return FeatureStatistics.fit(kind, all.inOrder(), inputs);
    }

    /**
     * The shards with {@code normalization} applied to their features (new arrays; the labels shared), cached
     * and computed now, so that the caller may release {@code shards}.
     */
    static JavaRDD<Shard> normalized(JavaRDD<Shard> shards, Normalization normalization) {
        NormalizationKind kind = normalization.kind();
        float[] shift = normalization.shift(), scale = normalization.scale();    // the core's records are not Serializable
        JavaRDD<Shard> out = shards.map(s -> s.normalized(new Normalization(kind, shift, scale)))
                .persist(StorageLevel.MEMORY_AND_DISK());
        out.count();
        return out;
    }

    private static Shard pack(int partition, Iterator<Row> it, String featuresCol, String labelCol, boolean classes) {
        float[] x = new float[0];
        int[] labels = new int[classes ? 16 : 0];
        float[] targets = new float[classes ? 0 : 16];
        int rows = 0, inputs = -1;
        while (it.hasNext()) {
            Row row = it.next();
            String where = "partition " + partition + ", row " + (rows + 1);
            if (row.isNullAt(0) || row.isNullAt(1)) {
                throw new IllegalArgumentException(where + ": the column '" + (row.isNullAt(0) ? featuresCol : labelCol)
                        + "' is null; drop or fill missing values first");
            }
            double[] v = ((Vector) row.get(0)).toArray();
            if (inputs < 0) {
                inputs = v.length;
                x = new float[16 * Math.max(1, inputs)];
            } else if (v.length != inputs) {
                throw new IllegalArgumentException(where + ": the column '" + featuresCol + "' has " + v.length
                        + " values, the rows before it " + inputs + "; every feature vector must have the same size");
            }
            if ((long) (rows + 1) * inputs > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("partition " + partition + " holds more than " + rows + " rows of "
                        + inputs + " features, more than one array can hold; train on more partitions (workers)");
            }
            if ((rows + 1) * inputs > x.length) {
                x = Arrays.copyOf(x, (int) Math.min(Integer.MAX_VALUE - 8L, 2L * x.length));
            }
            for (int j = 0; j < inputs; j++) {
                x[rows * inputs + j] = (float) v[j];
            }
            double label = ((Number) row.get(1)).doubleValue();
            if (classes) {
                if (!(label >= 0 && label < 1 << 20 && label == Math.rint(label))) {
                    throw new IllegalArgumentException(where + ": the label " + label + " in '" + labelCol + "' is not a class"
                            + " index 0, 1, 2, …; index text or other labels with a StringIndexer first");
                }
                if (rows == labels.length) {
                    labels = Arrays.copyOf(labels, 2 * labels.length);
                }
                labels[rows] = (int) label;
            } else {
                if (!Double.isFinite(label)) {
                    throw new IllegalArgumentException(where + ": the label '" + labelCol + "' is " + label + ", not a finite number");
                }
                if (rows == targets.length) {
                    targets = Arrays.copyOf(targets, 2 * targets.length);
                }
                targets[rows] = (float) label;
            }
            rows++;
        }
        inputs = Math.max(inputs, 0);
        return new Shard(partition, rows, inputs, Arrays.copyOf(x, rows * inputs),
                classes ? Arrays.copyOf(labels, rows) : null, classes ? null : Arrays.copyOf(targets, rows));
    }

    /** Row i of {@code total} goes to partition ⌊i·W/total⌋: contiguous ranges of nearly equal size. */
    static final class Contiguous extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int partitions;
        private final long total;

        Contiguous(int partitions, long total) {
            this.partitions = partitions;
            this.total = Math.max(1, total);
        }

        @Override
        public int numPartitions() { return partitions; }

        @Override
        public int getPartition(Object key) {
            long i = (Long) key;     // i·W stays far below 2^63 for any real data (2^40 rows · 2^20 partitions)
            return (int) Math.min(partitions - 1, Math.multiplyExact(i, (long) partitions) / total);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Contiguous c && c.partitions == partitions && c.total == total;
        }

        @Override
        public int hashCode() { return Long.hashCode(total) * 31 + partitions; }
    }
}
