/**
 * Using a trained model: {@link dev.neurite.infer.Predictor} turns raw features into probabilities and
 * classes ({@link dev.neurite.infer.Classification}) or regression values, applying the model's
 * normalisation and output head, from any number of threads at once on one instance.
 *
 * <p>Left out: batching requests across threads and serving over a network (the {@code neurite-serve}
 * module does both on top of a Predictor), and reading model files ({@code dev.neurite.io.ModelFile},
 * {@code dev.neurite.onnx.Models}).
 */
package dev.neurite.infer;
