package dev.neurite.serve;

import dev.neurite.io.SavedModel;
import dev.neurite.model.LayerSpec;
import dev.neurite.model.Network;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model page: {@code GET /} (the page), {@code GET /page/{file}} (its scripts and style) and
 * {@code GET /page/models} (what the page shows of every loaded model: the protocol's metadata, the
 * layers with their parameter counts, and the provenance written into the model file).
 */
final class ModelPage {
    private ModelPage() {}

    /** Whether this path belongs to the page. */
    static boolean handles(String path) {
        return path.equals("/") || path.equals("/index.html") || path.startsWith("/page/");
    }

    static Routes.Reply answer(String path, Map<String, ModelSlot> slots) {
        if (path.equals("/page/models")) {
            List<Object> models = new ArrayList<>();
            for (ModelSlot slot : slots.values()) {
                models.add(describe(slot.name, slot.current().model()));
            }
            return Routes.Reply.json(JsonOut.object("models", models));
        }
        String name = path.equals("/") || path.equals("/index.html") ? "model.html" : path.substring("/page/".length());
        StaticFiles.File f = StaticFiles.get(name);
        if (f == null) {
            throw new HttpError(404, "no such page file: " + path);
        }
        return new Routes.Reply(200, f.type(), f.text());
    }

    /** The metadata of the protocol, plus {@code layers}, {@code parameter_count} and {@code provenance}. */
    static Map<String, Object> describe(String name, SavedModel m) {
        Map<String, Object> out = ModelJson.metadata(name, m);
        Network net = m.network();
        List<Object> layers = new ArrayList<>();
        int in = net.inputSize();
        for (LayerSpec spec : net.architecture().layers()) {
            if (spec instanceof LayerSpec.Dense d) {
                long params = (long) in * d.units() + (net.architecture().bias() ? d.units() : 0);
                layers.add(JsonOut.object("type", "dense", "inputs", in, "units", d.units(),
                        "activation", d.activation().cliName(), "parameters", params));
                in = d.units();
            } else if (spec instanceof LayerSpec.Dropout drop) {
                layers.add(JsonOut.object("type", "dropout", "rate", drop.rate()));
            }
        }
        out.put("layers", layers);
        out.put("parameter_count", net.parameterCount());
        Map<String, Object> provenance = new TreeMap<>();
        for (Map.Entry<String, String> e : m.metadata().entrySet()) {
            if (!e.getKey().equals(ModelJson.FEATURES) && !e.getKey().equals(SavedModel.TARGETS)) {
                provenance.put(e.getKey(), e.getValue());
            }
        }
        out.put("provenance", new LinkedHashMap<>(provenance));
        return out;
    }
}
