package dev.neurite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The compiled module descriptor exports the API packages and nothing else, and needs nothing but the JDK. */
class ModuleTest {
    private static final Set<String> API = Set.of("dev.neurite.check", "dev.neurite.data", "dev.neurite.infer",
            "dev.neurite.io", "dev.neurite.layer", "dev.neurite.loss", "dev.neurite.metrics", "dev.neurite.model",
            "dev.neurite.onnx", "dev.neurite.optim", "dev.neurite.seeds", "dev.neurite.tensor", "dev.neurite.train");

    private static ModuleDescriptor descriptor() {
        return ModuleFinder.of(Path.of("target", "classes")).find("dev.neurite").orElseThrow().descriptor();
    }

    @Test
    void exportsExactlyTheApiPackages() {
        ModuleDescriptor d = descriptor();
        Set<String> exported = d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(API), exported);
        assertTrue(d.packages().contains("dev.neurite.kernel"), "the kernels are in the module, unexported");
        assertTrue(d.exports().stream().noneMatch(ModuleDescriptor.Exports::isQualified), "no qualified exports");
    }

    @Test
    void requiresNothingButTheJdk() {
        for (ModuleDescriptor.Requires r : descriptor().requires()) {
            assertTrue(r.name().startsWith("java.") || r.name().startsWith("jdk."), "requires " + r.name());
            if (r.name().startsWith("jdk.")) {
                assertTrue(r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC), r.name() + " must be optional");
            }
        }
    }
}
