package dev.neurite.cli;

import dev.neurite.optim.Adam;
import dev.neurite.optim.AdamW;
import dev.neurite.optim.LearningRateSchedule;
import dev.neurite.optim.Momentum;
import dev.neurite.optim.Nesterov;
import dev.neurite.optim.OptimizerConfig;
import dev.neurite.optim.Regularization;
import dev.neurite.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The configuration in words for the report, with the command line's names, never a record's {@code toString}. */
final class Describe {
    private Describe() {}

    static String optimizer(OptimizerConfig o) {
        if (o instanceof Sgd s) {
            return "SGD, learning rate " + g(s.learningRate());
        } else if (o instanceof Momentum m) {
            return "SGD with momentum " + g(m.momentum()) + ", learning rate " + g(m.learningRate());
        } else if (o instanceof Nesterov n) {
            return "SGD with Nesterov momentum " + g(n.momentum()) + ", learning rate " + g(n.learningRate());
        } else if (o instanceof AdamW a) {
            return "AdamW, learning rate " + g(a.learningRate()) + ", \u03b21 " + g(a.beta1()) + ", \u03b22 " + g(a.beta2())
                    + ", \u03b5 " + g(a.epsilon()) + ", weight decay " + g(a.weightDecay());
        } else if (o instanceof Adam a) {
            return "Adam, learning rate " + g(a.learningRate()) + ", \u03b21 " + g(a.beta1()) + ", \u03b22 " + g(a.beta2())
                    + ", \u03b5 " + g(a.epsilon());
        }
        throw new IllegalArgumentException("unknown optimizer " + o.getClass().getSimpleName());
    }

    static String regularization(Regularization r) {
        List<String> parts = new ArrayList<>();
        if (r.l1() > 0) {
            parts.add("L1 " + g(r.l1()));
        }
        if (r.l2() > 0) {
            parts.add("L2 " + g(r.l2()));
        }
        if (r.maxNorm() > 0) {
            parts.add("max-norm " + g(r.maxNorm()));
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    static String schedule(LearningRateSchedule s) {
        if (s instanceof LearningRateSchedule.Constant) {
            return "constant";
        } else if (s instanceof LearningRateSchedule.SeedDecay d) {
            return "seed-decay, lr \u2190 lr / (1 + " + g(d.decay()) + "\u00b7epoch) each epoch";
        } else if (s instanceof LearningRateSchedule.InverseTime d) {
            return "inverse-time, lr / (1 + " + g(d.decay()) + "\u00b7epoch)";
        } else if (s instanceof LearningRateSchedule.Step st) {
            return "step, \u00d7" + g(st.gamma()) + " every " + st.every() + " epochs";
        } else if (s instanceof LearningRateSchedule.Exponential e) {
            return "exponential, \u00d7" + g(e.gamma()) + " per epoch";
        } else if (s instanceof LearningRateSchedule.Cosine c) {
            return "cosine over " + c.epochs() + " epochs down to " + g(c.minRate());
        }
        throw new IllegalArgumentException("unknown schedule " + s.getClass().getSimpleName());
    }

    /** The layers in order: "784 inputs → dense(784→128) → relu → dense(128→10) → softmax". */
    static String layers(dev.neurite.model.Network network) {
        return network.inputSize() + " inputs \u2192 " + String.join(" \u2192 ",
                network.layers().stream().map(dev.neurite.layer.Layer::describe).toList());
    }

    /** A number as people write it: 0.001, 1e-08, 0.9, 30. */
    static String g(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            String[] p = s.split("e");
            return p[0].replaceFirst("\\.?0+$", "") + "e" + Integer.parseInt(p[1]);
        }
        return s.contains(".") ? s.replaceFirst("\\.?0+$", "") : s;
    }

    /** The command line as a shell would take it back: arguments with special characters in single quotes. */
    static String commandLine(List<String> args) {
        StringBuilder s = new StringBuilder("neurite");
        for (String a : args) {
            s.append(' ').append(a.matches("[A-Za-z0-9_./=:,@%+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return s.toString();
    }
}
