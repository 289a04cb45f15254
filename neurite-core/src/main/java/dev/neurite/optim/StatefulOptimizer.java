package dev.neurite.optim;

import dev.neurite.layer.Param;
import java.util.ArrayList;
import java.util.List;

/**
 * The bookkeeping every optimizer shares: the parameter list, a step counter and, per parameter,
 * {@code slots} state arrays of the parameter's size. Subclasses write only the update rule.
 */
abstract class StatefulOptimizer implements Optimizer {
    private final List<Param> params;
    private final float[][][] state; // [param][slot][element]
    private long steps;

    StatefulOptimizer(List<Param> params, int slots) {
        this.params = List.copyOf(params);
        this.state = new float[this.params.size()][slots][];
        for (int p = 0; p < this.params.size(); p++) {
            for (int s = 0; s < slots; s++) {
                state[p][s] = new float[this.params.get(p).size()];
            }
        }
    }

    /** Updates one parameter's elements {@code [from, to)} from {@code g}, with its state slots. */
    abstract void update(float[] w, float[] g, int from, int to, float[][] slots, float lr, boolean weight);

    private dev.neurite.kernel.Parallelism parallelism = dev.neurite.kernel.Parallelism.SERIAL;

    @Override
    public final void parallelism(dev.neurite.kernel.Parallelism parallelism) {
        this.parallelism = java.util.Objects.requireNonNull(parallelism, "parallelism");
    }

    /** Called once before the parameters of step {@code t} (1-based) are updated. */
    void beginStep(long t) {}

    @Override
    public final void step(double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be >= 0 and finite, was " + learningRate);
        }
        steps++;
        beginStep(steps);
        float lr = (float) learningRate;
        for (int p = 0; p < params.size(); p++) {
            Param param = params.get(p);
            float[] w = param.value().data(), g = param.grad().data();
            float[][] slots = state[p];
            boolean weight = param.weight();
            parallelism.forUpdate(param.size(), (from, to) -> update(w, g, from, to, slots, lr, weight));
        }
    }

    @Override
    public final long steps() { return steps; }

    @Override
    public final List<float[]> state() {
        List<float[]> out = new ArrayList<>();
        for (float[][] slots : state) {
            out.addAll(List.of(slots));
        }
        return out;
    }

    @Override
    public final void restore(long steps, List<float[]> arrays) {
        List<float[]> mine = state();
        if (arrays.size() != mine.size()) {
            throw new IllegalArgumentException("optimizer state has " + mine.size() + " arrays, was given " + arrays.size());
        }
        for (int i = 0; i < mine.size(); i++) {
            if (arrays.get(i).length != mine.get(i).length) {
                throw new IllegalArgumentException("optimizer state array " + i + " has " + mine.get(i).length
                        + " values, was given " + arrays.get(i).length);
            }
        }
        for (int i = 0; i < mine.size(); i++) {
            System.arraycopy(arrays.get(i), 0, mine.get(i), 0, mine.get(i).length);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, was " + steps);
        }
        this.steps = steps;
    }
}
