package dev.neurite.model;

import dev.neurite.layer.Activation;
import dev.neurite.layer.Init;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a network is, without its weights: the input size, the layers, whether dense layers have
 * biases, and how weights are initialised.
 *
 * <p>The text form lists sizes separated by {@code -}: the input size first, then {@code <units><activation>}
 * for each dense layer ({@code 128relu}, {@code 10softmax}, {@code 1sigmoid}, {@code 5} for linear) and
 * {@code d<rate>} for dropout. {@code bn} after the units puts a batch normalisation between the dense layer and
 * its activation: {@code 256bnrelu} is dense(256) → batchnorm → relu, {@code 10bn} a normalised linear layer; an
 * activation on its own after such a layer joins it ({@code 256bn-relu} reads as {@code 256bnrelu}). Activations: {@code sigmoid, tanh, relu, lrelu} (leaky ReLU, slope 0.01;
 * {@code lrelu0.2} for another slope){@code , softmax, linear}.
 *
 * @param init the initialiser for every dense layer, or null for the default: He uniform before
 *             (leaky) ReLU, Xavier uniform otherwise
 */
public record Architecture(int inputSize, List<LayerSpec> layers, boolean bias, Init init) {
    /** The most layers (dense and dropout) an architecture may have. */
    public static final int MAX_LAYERS = 1000;
    private static final Pattern DENSE = Pattern.compile("(\\d+)(bn)?(sigmoid|tanh|relu|lrelu|leakyrelu|softmax|linear|identity)?([0-9.]+)?");
    private static final Pattern ACTIVATION = Pattern.compile("(sigmoid|tanh|relu|lrelu|leakyrelu|softmax)([0-9.]+)?");
    private static final Pattern DROPOUT = Pattern.compile("d(0?\\.\\d+|0)");

    public Architecture {
        if (inputSize <= 0) {
            throw new IllegalArgumentException("inputSize must be > 0, was " + inputSize);
        }
        if (layers.size() > MAX_LAYERS) {
            throw new IllegalArgumentException("an architecture has at most " + MAX_LAYERS + " layers, was " + layers.size());
        }
        layers = List.copyOf(layers);
        if (layers.stream().noneMatch(l -> l instanceof LayerSpec.Dense)) {
            throw new IllegalArgumentException("an architecture needs at least one dense layer, was " + layers);
        }
    }

    /** Parses the text form with biases and the default initialisers. */
    public static Architecture parse(String spec) {
        return parse(spec, true, null);
    }

    /** Parses the text form, e.g. {@code "784-30tanh-10softmax"}. */
    public static Architecture parse(String spec, boolean bias, Init init) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("architecture must not be empty; example: 784-128relu-10softmax");
        }
        long dashes = spec.chars().filter(c -> c == '-').count();
        if (dashes > MAX_LAYERS) {                           // before splitting: a hostile text is not taken apart
            throw new IllegalArgumentException("an architecture has at most " + MAX_LAYERS + " layers, this one "
                    + dashes + " (" + spec.length() + " characters)");
        }
        String[] parts = spec.trim().split("-");
        int input;
        try {
            if (!parts[0].matches("[0-9]{1,10}")) {
                throw new NumberFormatException(parts[0]);
            }
            input = Integer.parseInt(parts[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("architecture '" + spec + "' must start with the input size, was '"
                    + parts[0] + "'");
        }
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            LayerSpec last = layers.isEmpty() ? null : layers.get(layers.size() - 1);
            Matcher a = ACTIVATION.matcher(parts[i]);
            if (a.matches() && last instanceof LayerSpec.Dense d && d.batchNorm()
                    && d.activation() == Activation.Function.IDENTITY) {
                LayerSpec.Dense joined = (LayerSpec.Dense) parseLayer(spec, d.units() + "bn" + parts[i]);
                layers.set(layers.size() - 1, joined);
                continue;
            }
            layers.add(parseLayer(spec, parts[i]));
        }
        return new Architecture(input, layers, bias, init);
    }

    private static LayerSpec parseLayer(String spec, String token) {
        Matcher d = DROPOUT.matcher(token);
        if (d.matches()) {
            return new LayerSpec.Dropout(Double.parseDouble(d.group(1)));
        }
        Matcher m = DENSE.matcher(token);
        if (!m.matches()) {
            throw new IllegalArgumentException("architecture '" + spec + "': cannot read '" + token
                    + "'; expected <units><activation> such as 128relu, <units>bn<activation> such as 128bnrelu,"
                    + " or d<rate> such as d0.5");
        }
        int units;
        try {
            units = Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("architecture '" + spec + "': layer size '" + m.group(1) + "' is too large");
        }
        boolean batchNorm = m.group(2) != null;
        String name = m.group(3) == null ? "linear" : m.group(3);
        Activation.Function f = switch (name) {
            case "lrelu", "leakyrelu" -> Activation.Function.LEAKY_RELU;
            default -> Activation.Function.parse(name);
        };
        float alpha = Activation.DEFAULT_LEAKY_SLOPE;
        if (m.group(4) != null) {
            if (f != Activation.Function.LEAKY_RELU) {
                throw new IllegalArgumentException("architecture '" + spec + "': only lrelu takes a slope, in '" + token + "'");
            }
            alpha = Float.parseFloat(m.group(4));
        }
        return new LayerSpec.Dense(units, f, alpha, batchNorm);
    }

    /** The number of outputs: the units of the last dense layer. */
    public int outputSize() {
        int out = inputSize;
        for (LayerSpec l : layers) {
            if (l instanceof LayerSpec.Dense dense) {
                out = dense.units();
            }
        }
        return out;
    }

    /** The initialiser a dense layer with this activation gets. */
    public Init initFor(Activation.Function activation) {
        if (init != null) {
            return init;
        }
        return activation == Activation.Function.RELU || activation == Activation.Function.LEAKY_RELU
                ? Init.HE_UNIFORM : Init.XAVIER_UNIFORM;
    }

    /** The text form; {@code parse(toSpec())} gives back the same layers. */
    public String toSpec() {
        StringBuilder sb = new StringBuilder().append(inputSize);
        for (LayerSpec l : layers) {
            sb.append('-');
            if (l instanceof LayerSpec.Dropout dropout) {
                sb.append('d').append(dropout.rate());
            } else if (l instanceof LayerSpec.Dense dense) {
                sb.append(dense.units()).append(dense.batchNorm() ? "bn" : "").append(switch (dense.activation()) {
                    case LEAKY_RELU -> "lrelu" + (dense.alpha() == Activation.DEFAULT_LEAKY_SLOPE ? "" : dense.alpha());
                    case IDENTITY -> "";
                    default -> dense.activation().cliName();
                });
            }
        }
        return sb.toString();
    }

    /** A new network with weights initialised from {@code seed}. */
    public Network build(long seed) {
        return Network.create(this, seed);
    }
}
