/**
 * Neurite on Apache Spark: data-parallel training (local SGD / federated averaging, over nothing but
 * Spark's own jobs: broadcast, mapPartitions, treeAggregate) and batch inference, as Spark ML
 * Estimator/Model pairs ({@link dev.neurite.spark.NeuriteClassifier}, {@link dev.neurite.spark.NeuriteRegressor}).
 * Leaves out: parameter servers, asynchronous updates, GPU scheduling and any networking of its own.
 */
package dev.neurite.spark;
