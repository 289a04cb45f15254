/**
 * Using a trained model: {@link dev.neurite.infer.Predictor} turns raw features into probabilities and
 * classes ({@link dev.neurite.infer.Classification}) or regression values, applying the model's
 * normalisation and output head, from any number of threads at once on one instance.
 *
 * <p>Left out: batching requests across threads, serving over a network, model formats other than
 * Neurite's own.
 */
package dev.neurite.infer;
