package dev.neurite.cli;

import dev.neurite.io.Json;
import dev.neurite.tensor.Rng;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hyper-parameter space of {@code neurite tune}, read from JSON: each key a {@code train} option name
 * ({@code lr}, {@code --lr} and {@code batch_size} all name train's options), each value a list (a choice
 * among its elements; a list of numbers as an element is a comma-separated value, as {@code --hidden 32,16}; true
 * and false switch a flag such as {@code no_bias}) or an object naming one distribution:
 * {@code {"log_uniform": [1e-4, 0.1]}}, {@code {"uniform": [0, 0.5]}}, {@code {"int_uniform": [16, 128]}} (both
 * ends included). A trial's values depend only on the seed and the trial's number, so trial 7 is the same
 * whether or not trials 1–6 ran in this process.
 */
final class SearchSpace {
    static final long MAX_FILE_BYTES = 1 << 20;
    static final int MAX_KEYS = 64, MAX_CHOICES = 100;   // each choice is checked by parsing it as train would
    static final long MAX_GRID = 10_000;
    static final List<String> DISTRIBUTIONS = List.of("log_uniform", "uniform", "int_uniform");
    /**
     * Train options that are not hyper-parameters: where the data is and how it is read (tune reads it once, with
     * the train options), the one validation split every trial is scored on, what is written, how it is printed.
     */
    static final Set<String> NOT_TUNABLE = Set.of("--help", "--version", "--train", "--data", "--test", "--label", "--regression",
            "--out", "--report", "--no-report", "--checkpoint-dir", "--checkpoint-every", "--resume", "--quiet", "--json", "--threads",
            "--delimiter", "--no-header", "--impute", "--missing-indicator", "--categorical", "--train-targets", "--weight-column",
            "--validation-split");

    /** One key of the space: its train option, and a choice of values or a distribution over [low, high]. */
    record Dimension(String key, String option, boolean flag, String distribution, List<Object> choices, double low, double high) {
        long size() { return choices == null ? 0 : choices.size(); }
    }

    private final List<Dimension> dimensions;
    private final Object json;

    private SearchSpace(List<Dimension> dimensions, Object json) {
        this.dimensions = dimensions;
        this.json = json;
    }

    /** The space as parsed, for the trials file. */
    Object json() { return json; }

    List<Dimension> dimensions() { return dimensions; }

    /**
     * Reads {@code file}, refusing (naming the file, and the line and column of a JSON syntax error, or the key) a
     * file over 1 MiB, bad JSON, an unknown or untunable option (with the nearest name), a bad distribution.
     *
     * @param flags train's tunable options → whether each is a flag (takes no value)
     */
    static SearchSpace read(Path file, Map<String, Boolean> flags) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(file + ": a search space of " + Files.size(file) + " bytes is over the limit of "
                    + MAX_FILE_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text");
        }
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + position(text, e.getMessage()), e);
        }
        if (!(parsed instanceof Map<?, ?> top) || top.isEmpty()) {
            throw new IllegalArgumentException(file + ": the space must be a JSON object of train options, such as"
                    + " {\"lr\": {\"log_uniform\": [1e-4, 0.1]}, \"hidden\": [[8], [16]]}");
        }
        if (top.size() > MAX_KEYS) {
            throw new IllegalArgumentException(file + ": " + top.size() + " keys, more than the " + MAX_KEYS + " accepted");
        }
        List<Dimension> dims = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : top.entrySet()) {
            String key = (String) e.getKey();
            String option = "--" + key.replaceFirst("^-+", "").replace('_', '-');
            if (!flags.containsKey(option)) {
                List<String> names = flags.keySet().stream().map(o -> o.substring(2)).toList();
                throw new IllegalArgumentException(file + ": '" + key + "' is not a train option that can be tuned"
                        + NearMiss.hint(key.replaceFirst("^-+", "").replace('_', '-'), names)
                        + (NOT_TUNABLE.contains(option) ? "; give " + option + " as a train option instead" : "")
                        + "; keys name train's options, e.g. lr, hidden, dropout, l2, batch-size");
            }
            if (seen.put(option, key) != null) {
                throw new IllegalArgumentException(file + ": '" + key + "' and '" + seen.get(option) + "' both name " + option);
            }
            dims.add(dimension(file, key, option, flags.get(option), e.getValue()));
        }
        return new SearchSpace(List.copyOf(dims), parsed);
    }

    private static Dimension dimension(Path file, String key, String option, boolean flag, Object v) {
        String where = file + ": '" + key + "': ";
        if (v instanceof List<?> list) {
            if (list.isEmpty() || list.size() > MAX_CHOICES) {
                throw new IllegalArgumentException(where + "a choice needs 1 to " + MAX_CHOICES + " values, had " + list.size());
            }
            for (Object c : list) {
                boolean ok = flag ? c instanceof Boolean : c instanceof Number || c instanceof String
                        || (c instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(x -> x instanceof Number));
                if (!ok) {
                    throw new IllegalArgumentException(where + (flag ? option + " is a flag: its choices are true and false"
                            : "a choice is a number, a string or a list of numbers") + ", was " + Json.write(c));
                }
            }
            return new Dimension(key, option, flag, null, List.copyOf(list), 0, 0);
        }
        if (v instanceof Map<?, ?> m && m.size() == 1) {
            String name = (String) m.keySet().iterator().next();
            if (!DISTRIBUTIONS.contains(name)) {
                throw new IllegalArgumentException(where + "unknown distribution '" + name + "'" + NearMiss.hint(name, DISTRIBUTIONS)
                        + "; use one of " + String.join(", ", DISTRIBUTIONS));
            }
            Object range = m.get(name);
            if (flag || !(range instanceof List<?> r) || r.size() != 2 || !(r.get(0) instanceof Number) || !(r.get(1) instanceof Number)) {
                throw new IllegalArgumentException(where + (flag ? option + " is a flag: list [true, false] instead"
                        : name + " needs [low, high], was " + Json.write(range)));
            }
            double low = ((Number) r.get(0)).doubleValue(), high = ((Number) r.get(1)).doubleValue();
            boolean integral = r.get(0) instanceof Long && r.get(1) instanceof Long;
            boolean ok = Double.isFinite(low) && Double.isFinite(high) && switch (name) {
                case "log_uniform" -> low > 0 && low < high;
                case "uniform" -> low < high;
                default -> integral && low <= high && high - low < Integer.MAX_VALUE;
            };
            if (!ok) {
                throw new IllegalArgumentException(where + name + " [" + Json.write(r.get(0)) + ", " + Json.write(r.get(1)) + "]: "
                        + switch (name) {
                            case "log_uniform" -> "needs 0 < low < high";
                            case "uniform" -> "needs finite low < high";
                            default -> "needs integers low <= high";
                        });
            }
            return new Dimension(key, option, false, name, null, low, high);
        }
        throw new IllegalArgumentException(where + "a value is a list of choices or an object naming one distribution"
                + " (log_uniform, uniform, int_uniform), was " + Json.write(v));
    }

    /** "JSON offset N: what" → "line L, column C: what". */
    private static String position(String text, String message) {
        Matcher m = Pattern.compile("^JSON offset (\\d+): (.*)$", Pattern.DOTALL).matcher(message);
        if (!m.matches()) {
            return message;
        }
        int offset = Math.min(Integer.parseInt(m.group(1)), text.length()), line = 1, column = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return "line " + line + ", column " + column + ": " + m.group(2);
    }

    /** The number of points of the grid over every choice; refused when a key is a distribution or the grid is too large. */
    long gridSize() {
        long size = 1;
        for (Dimension d : dimensions) {
            if (d.choices == null) {
                throw new IllegalArgumentException("--grid: '" + d.key + "' is a " + d.distribution + " distribution; a grid"
                        + " needs a list of values for every key");
            }
            size *= d.size();
            if (size > MAX_GRID) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "--grid: the space has more than %,d points;"
                        + " list fewer values, or search at random with --trials N", MAX_GRID));
            }
        }
        return size;
    }

    /** Grid point {@code index} (the last key varies fastest). */
    Map<String, Object> gridPoint(long index) {
        Map<String, Object> p = new LinkedHashMap<>();
        long rest = index;
        List<Dimension> reversed = new ArrayList<>(dimensions);
        java.util.Collections.reverse(reversed);
        Map<String, Object> backwards = new LinkedHashMap<>();
        for (Dimension d : reversed) {
            backwards.put(d.key, d.choices.get((int) (rest % d.size())));
            rest /= d.size();
        }
        for (Dimension d : dimensions) {
            p.put(d.key, backwards.get(d.key));
        }
        return p;
    }

    /** Random trial {@code trial} (from 0): every key drawn from its own stream of ({@code seed}, trial). */
    Map<String, Object> sample(long seed, int trial) {
        Rng rng = new Rng(seed ^ (0x9E3779B97F4A7C15L * (trial + 1L)));
        Map<String, Object> p = new LinkedHashMap<>();
        for (Dimension d : dimensions) {
            double u = rng.nextDouble();
            Object v;
            if (d.choices != null) {
                v = d.choices.get(Math.min((int) (u * d.size()), (int) d.size() - 1));
            } else if (d.distribution.equals("log_uniform")) {
                v = Math.exp(Math.log(d.low) + u * (Math.log(d.high) - Math.log(d.low)));
            } else if (d.distribution.equals("uniform")) {
                v = d.low + u * (d.high - d.low);
            } else {
                v = (long) d.low + Math.min((long) (u * (d.high - d.low + 1)), (long) (d.high - d.low));
            }
            p.put(d.key, v);
        }
        return p;
    }

    /** The train options that set {@code params}: {@code --lr 0.003}, {@code --hidden 32,16}, a flag when true. */
    List<String> args(Map<String, Object> params) {
        List<String> a = new ArrayList<>();
        for (Dimension d : dimensions) {
            Object v = params.get(d.key);
            if (d.flag) {
                if (Boolean.TRUE.equals(v)) {
                    a.add(d.option);
                }
                continue;
            }
            a.add(d.option);
            a.add(v instanceof List<?> l ? String.join(",", l.stream().map(SearchSpace::text).toList()) : text(v));
        }
        return a;
    }

    private static String text(Object v) {
        return v instanceof Double d ? Double.toString(d) : String.valueOf(v);
    }

    /** Every choice and both ends of every distribution, one key at a time: what to check before the first trial. */
    List<Map<String, Object>> corners() {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, Object> base = sample(0, 0);
        for (Dimension d : dimensions) {
            List<Object> values = d.choices != null ? d.choices
                    : d.distribution.equals("int_uniform") ? List.of((long) d.low, (long) d.high) : List.of(d.low, d.high);
            for (Object v : new java.util.LinkedHashSet<>(values)) {
                Map<String, Object> p = new LinkedHashMap<>(base);
                p.put(d.key, v);
                out.add(p);
            }
        }
        return out;
    }
}
