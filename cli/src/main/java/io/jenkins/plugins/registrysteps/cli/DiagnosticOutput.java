package io.jenkins.plugins.registrysteps.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.registrysteps.engine.config.Diagnostic;
import java.io.PrintWriter;
import java.util.List;

/** Prints findings as {@code FILE:LINE:COL: error: MESSAGE}, or as JSON. */
final class DiagnosticOutput {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DiagnosticOutput() {
    }

    static void print(List<Diagnostic> diagnostics, PrintWriter out) {
        diagnostics.forEach(out::println);
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        if (errors > 0) {
            out.println(errors + (errors == 1 ? " error" : " errors"));
        }
        out.flush();
    }

    static ArrayNode json(List<Diagnostic> diagnostics) {
        ArrayNode array = JSON.createArrayNode();
        for (Diagnostic diagnostic : diagnostics) {
            ObjectNode node = array.addObject();
            node.put("severity", diagnostic.severity().name().toLowerCase(java.util.Locale.ROOT))
                    .put("file", diagnostic.position().file())
                    .put("line", diagnostic.position().line())
                    .put("column", diagnostic.position().column())
                    .put("message", diagnostic.message());
        }
        return array;
    }
}
