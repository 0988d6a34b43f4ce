package io.jenkins.plugins.registrysteps.engine.config;

import io.jenkins.plugins.registrysteps.engine.spelling.DidYouMean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed, position-keeping access to one YAML mapping. Scalars are read as the text the user wrote, so
 * {@code image_tag: 9.5} stays "9.5" and {@code command: true} stays "true". Every problem is reported
 * to the diagnostics, naming the field, and reading goes on.
 */
final class YamlMap {

    private final YamlFile file;
    private final Diagnostics diagnostics;
    private final MappingNode node;
    private final String owner;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    /** @param owner how messages name the mapping, e.g. {@code service "app"} */
    YamlMap(YamlFile file, Diagnostics diagnostics, MappingNode node, String owner) {
        this.file = file;
        this.diagnostics = diagnostics;
        this.node = node;
        this.owner = owner;
        for (NodeTuple tuple : node.getValue()) {
            Node key = tuple.getKeyNode();
            if (!(key instanceof ScalarNode scalar)) {
                diagnostics.error(file.position(key), nonTextKeyMessage(key));
                continue;
            }
            if (isUnquotedTemplate(tuple.getValueNode())) {
                diagnostics.error(file.position(tuple.getValueNode()), unquotedTemplateMessage(tuple.getValueNode()));
            }
            NodeTuple earlier = entries.put(scalar.getValue(), tuple);
            if (earlier != null) {
                diagnostics.error(file.position(key), "\"" + scalar.getValue() + "\" is given twice in " + owner
                        + " (first at line " + file.position(earlier.getKeyNode()).line() + "): keep one");
            }
        }
    }

    /** YAML reads {@code {{.Branch}}} as a mapping whose key is a mapping; Go's YAML reader rejects it outright. */
    private static boolean isUnquotedTemplate(Node value) {
        return value instanceof MappingNode mapping && mapping.getFlowStyle() == org.yaml.snakeyaml.DumperOptions.FlowStyle.FLOW
                && !mapping.getValue().isEmpty() && mapping.getValue().get(0).getKeyNode() instanceof MappingNode;
    }

    private String unquotedTemplateMessage(Node value) {
        String written = writtenFrom(file.position(value));
        return "YAML syntax error: the unquoted template " + written + " reads as a nested mapping, not as text: "
                + "quote it, as in \"" + written.replace("\"", "\\\"") + "\"";
    }

    /** The rest of the source line from a position, as the user wrote it. */
    private String writtenFrom(Position at) {
        String line = file.line(at.line());
        String rest = line.substring(Math.min(at.column() - 1, line.length()));
        int comment = rest.indexOf(" #");
        return (comment >= 0 ? rest.substring(0, comment) : rest).trim();
    }

    private String nonTextKeyMessage(Node key) {
        if (key instanceof MappingNode && writtenFrom(file.position(key)).startsWith("{{")) {
            return unquotedTemplateMessage(key);
        }
        return "YAML syntax error: a key must be text, not a " + kind(key);
    }

    Position position() {
        return file.position(node);
    }

    String owner() {
        return owner;
    }

    Set<String> keys() {
        return entries.keySet();
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Position keyPosition(String key) {
        return file.position(entries.get(key).getKeyNode());
    }

    Optional<Node> value(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null || isNull(tuple.getValueNode()) ? Optional.empty() : Optional.of(tuple.getValueNode());
    }

    /** Reports every key not in {@code known}: misplaced ones with where they belong, others with a suggestion. */
    void checkKeys(Set<String> known, Map<String, String> misplaced) {
        checkKeys(known, misplaced, Set.of());
    }

    /** As {@link #checkKeys(Set, Map)}, passing over {@code ignored} keys, which the caller reports itself. */
    void checkKeys(Set<String> known, Map<String, String> misplaced, Set<String> ignored) {
        for (String key : entries.keySet()) {
            if (known.contains(key) || ignored.contains(key)) {
                continue;
            }
            Position at = keyPosition(key);
            String hint = misplaced.get(key);
            if (hint != null) {
                diagnostics.error(at, "\"" + key + "\" does not belong in " + owner + ": " + hint);
                continue;
            }
            String suggestion = DidYouMean.closest(key, known).map(k -> " (did you mean \"" + k + "\"?)").orElse("");
            diagnostics.error(at, "unknown key \"" + key + "\" in " + owner + suggestion
                    + "; known keys: " + String.join(", ", known.stream().sorted().toList()));
        }
    }

    /** A text value; numbers and booleans come back as written. */
    Located<String> text(String key) {
        Optional<Node> value = value(key);
        if (value.isEmpty()) {
            return null;
        }
        if (value.get() instanceof ScalarNode scalar) {
            return new Located<>(scalar.getValue(), valuePosition(scalar));
        }
        if (!isUnquotedTemplate(value.get())) {
            diagnostics.error(file.position(value.get()), "\"" + key + "\" in " + owner + " must be text, not a " + kind(value.get()));
        }
        return null;
    }

    /** Where the text itself starts: after the opening quote of a quoted scalar. */
    private Position valuePosition(ScalarNode scalar) {
        Position at = file.position(scalar);
        boolean quoted = scalar.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.DOUBLE_QUOTED
                || scalar.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.SINGLE_QUOTED;
        return quoted ? new Position(at.file(), at.line(), at.column() + 1) : at;
    }

    /** {@code true}/{@code false} and YAML 1.1's yes/no/on/off, as Codeship's Go YAML reader takes them. */
    Located<Boolean> bool(String key) {
        Located<String> text = text(key);
        if (text == null) {
            return null;
        }
        switch (text.value().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "y":
                return new Located<>(Boolean.TRUE, text.position());
            case "false", "no", "off", "n":
                return new Located<>(Boolean.FALSE, text.position());
            default:
                diagnostics.error(text.position(), "\"" + key + "\" in " + owner + " must be true or false, not \"" + text.value() + "\"");
                return null;
        }
    }

    /** A single text value or a list of them, as {@code encrypted_env_file} and {@code env_file} take. */
    List<Located<String>> textOrList(String key) {
        Optional<Node> value = value(key);
        if (value.isEmpty()) {
            return List.of();
        }
        if (value.get() instanceof ScalarNode scalar) {
            return List.of(new Located<>(scalar.getValue(), file.position(scalar)));
        }
        return list(key);
    }

    /** A list of text values. */
    List<Located<String>> list(String key) {
        Optional<Node> value = value(key);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!(value.get() instanceof SequenceNode sequence)) {
            diagnostics.error(file.position(value.get()), "\"" + key + "\" in " + owner + " must be a list, not a " + kind(value.get()));
            return List.of();
        }
        List<Located<String>> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            if (item instanceof ScalarNode scalar && !isNull(scalar)) {
                items.add(new Located<>(scalar.getValue(), file.position(scalar)));
            } else if (!isNull(item)) {
                diagnostics.error(file.position(item), "each item of \"" + key + "\" in " + owner + " must be text, not a " + kind(item));
            }
        }
        return List.copyOf(items);
    }

    /**
     * A {@code NAME: value} mapping or a {@code - NAME=value} list, as docker-compose allows for environment and
     * build args. A name without a value ({@code NAME:} or {@code - NAME}) maps to {@code null}: taken from the host.
     */
    Map<String, Located<String>> variables(String key) {
        Optional<Node> value = value(key);
        Map<String, Located<String>> variables = new LinkedHashMap<>();
        if (value.isEmpty()) {
            return variables;
        }
        if (value.get() instanceof MappingNode mapping) {
            YamlMap entriesMap = new YamlMap(file, diagnostics, mapping, "\"" + key + "\" of " + owner);
            for (String name : entriesMap.keys()) {
                Node item = entriesMap.entries.get(name).getValueNode();
                if (isNull(item)) {
                    variables.put(name, null);
                } else if (item instanceof ScalarNode scalar) {
                    variables.put(name, new Located<>(scalar.getValue(), file.position(scalar)));
                } else {
                    diagnostics.error(file.position(item), "\"" + name + "\" in \"" + key + "\" of " + owner
                            + " must be text, not a " + kind(item));
                }
            }
        } else if (value.get() instanceof SequenceNode) {
            for (Located<String> item : list(key)) {
                int eq = item.value().indexOf('=');
                if (eq == 0) {
                    diagnostics.error(item.position(), "\"" + item.value() + "\" in \"" + key + "\" of " + owner
                            + " has no name before '=': write NAME=value");
                } else if (eq < 0) {
                    variables.put(item.value(), null);
                } else {
                    variables.put(item.value().substring(0, eq), new Located<>(item.value().substring(eq + 1), item.position()));
                }
            }
        } else {
            diagnostics.error(file.position(value.get()), "\"" + key + "\" in " + owner
                    + " must be a mapping (NAME: value) or a list (- NAME=value)");
        }
        return variables;
    }

    /** A command as text (split like a shell, without one) or as a list of arguments. */
    CommandLine command(String key) {
        Optional<Node> value = value(key);
        if (value.isEmpty()) {
            return null;
        }
        if (value.get() instanceof ScalarNode scalar) {
            Position at = file.position(scalar);
            try {
                return CommandLine.parse(scalar.getValue(), at);
            } catch (IllegalArgumentException e) {
                diagnostics.error(at, "\"" + key + "\" in " + owner + ": " + e.getMessage());
                return null;
            }
        }
        List<Located<String>> args = list(key);
        return args.isEmpty() ? null : CommandLine.of(args.stream().map(Located::value).toList(), file.position(value.get()));
    }

    /** A nested mapping, or empty (with an error when the value is of another kind). */
    Optional<YamlMap> map(String key, String nestedOwner) {
        Optional<Node> value = value(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get() instanceof MappingNode mapping) {
            return Optional.of(new YamlMap(file, diagnostics, mapping, nestedOwner));
        }
        diagnostics.error(file.position(value.get()), "\"" + key + "\" in " + owner + " must be a mapping, not a " + kind(value.get()));
        return Optional.empty();
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)
                && (scalar.getValue().isEmpty() || scalar.getValue().equals("~") || scalar.getValue().equalsIgnoreCase("null"));
    }

    static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "mapping";
        }
        return node instanceof SequenceNode ? "list" : "text value";
    }
}
