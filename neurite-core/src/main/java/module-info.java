/**
 * Neurite's core: multilayer perceptrons, their training and their files, on nothing but the JDK.
 *
 * <p>Exports the API packages only. {@code dev.neurite.kernel} (the products, element-wise kernels and
 * the thread pool) stays inside: layers, the trainer and the optimizers call it; users never need to.
 * The Vector API is optional ({@code requires static}): without {@code --add-modules
 * jdk.incubator.vector} the kernels run plain Java and say so.
 */
module dev.neurite {
    requires static jdk.incubator.vector;

    exports dev.neurite.check;
    exports dev.neurite.data;
    exports dev.neurite.infer;
    exports dev.neurite.io;
    exports dev.neurite.layer;
    exports dev.neurite.loss;
    exports dev.neurite.metrics;
    exports dev.neurite.model;
    exports dev.neurite.onnx;
    exports dev.neurite.optim;
    exports dev.neurite.seeds;
    exports dev.neurite.tensor;
    exports dev.neurite.train;
}
