package dev.neurite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.DocumentationTool;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core's Javadoc builds without errors (malformed HTML, bad {@code @link}s, broken tags): the JDK's
 * javadoc tool run over every main source file, as {@code mvn javadoc:javadoc} would run it.
 */
class JavadocTest {
    @Test
    void theCoreJavadocBuildsWithoutErrors(@TempDir Path out) throws IOException {
        DocumentationTool tool = ToolProvider.getSystemDocumentationTool();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            // module-info is left out so that the files are documented as one unnamed module
            sources = files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("module-info.java")).toList();
        }
        assertTrue(sources.size() > 50, "found the core's sources: " + sources.size());
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = tool.getStandardFileManager(diagnostics, null, null)) {
            StringWriter log = new StringWriter();
            List<String> options = List.of("-quiet", "-d", out.toString(), "--add-modules", "jdk.incubator.vector");
            Boolean ok = tool.getTask(log, files, diagnostics, null, options, files.getJavaFileObjectsFromPaths(sources)).call();
            List<String> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    errors.add((d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
                            + d.getMessage(null));
                }
            }
            assertEquals(List.of(), errors, "javadoc errors");
            assertTrue(ok, "javadoc failed:\n" + log);
        }
    }
}
