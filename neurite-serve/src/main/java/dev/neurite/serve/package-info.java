/**
 * {@code neurite serve}: an inference server for Neurite model files speaking the Open Inference Protocol
 * v2 (the REST protocol of KServe, Triton and MLServer) on the JDK's own HTTP server.
 *
 * <p>{@link dev.neurite.serve.InferenceServer} serves one or more models by name through the thread-safe
 * {@link dev.neurite.infer.Predictor}: health, server and model metadata, readiness, infer, the repository
 * extension's load (a reload of the model file) and Prometheus metrics. Concurrent requests for a model
 * are stacked into one forward pass (dynamic batching); every input is bounded (body, headers, JSON depth,
 * rows, queue, time). {@link dev.neurite.serve.ServeOptions} holds the settings and
 * {@link dev.neurite.serve.ServerProcess} runs it as a process that answers SIGTERM, SIGINT and SIGHUP.
 * At {@code /} it serves the model page (draw a digit, or fill in a tabular model's features).
 *
 * <p>{@link dev.neurite.serve.TrainingDashboard} is the server of {@code neurite train --dashboard}: the run
 * as server-sent events with replay from {@code Last-Event-ID}, bounded per-page buffers, and a Stop that
 * reaches the trainer through {@link dev.neurite.train.TrainingListener#stopRequested()}.
 *
 * <p>Left out: gRPC, TLS and authentication (bind loopback or put a proxy in front), model versions other
 * than "1", BYTES inputs, the protocol's shared-memory and model-control extensions beyond load.
 */
package dev.neurite.serve;
