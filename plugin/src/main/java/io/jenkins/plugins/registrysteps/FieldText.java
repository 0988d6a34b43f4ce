package io.jenkins.plugins.registrysteps;

import io.jenkins.plugins.registrysteps.engine.config.CommandLine;
import io.jenkins.plugins.registrysteps.engine.config.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the text fields of the steps and builders: lists are comma or newline separated (a tag template may hold
 * spaces), ports also space separated, {@code NAME=value} pairs one per line, commands split on quotes as Codeship does.
 * Empty text means "not given".
 */
final class FieldText {

    private FieldText() {
    }

    /** {@code "a, b\nc"} gives a, b, c. */
    static List<String> items(String text) {
        return split(text, "[,\\n]");
    }

    /** {@code "5000 53/udp, 8080"} gives 5000, 53/udp, 8080. */
    static List<String> words(String text) {
        return split(text, "[,\\s]");
    }

    /** One {@code NAME=value} per line; the value may hold spaces and {@code =}. */
    static Map<String, String> pairs(String text, String field) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String line : split(text, "\\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(field + ": \"" + line + "\" is not NAME=value; write one NAME=value per line");
            }
            pairs.put(line.substring(0, eq).strip(), line.substring(eq + 1));
        }
        return pairs;
    }

    /** A command as arguments, or null when none is given (the image's own is kept). */
    static List<String> command(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return CommandLine.parse(text.strip(), Position.startOf(field)).args();
    }

    private static List<String> split(String text, String separators) {
        List<String> parts = new ArrayList<>();
        if (text == null) {
            return parts;
        }
        for (String part : text.split(separators)) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return parts;
    }
}
