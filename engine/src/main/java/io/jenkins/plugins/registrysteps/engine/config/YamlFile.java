package io.jenkins.plugins.registrysteps.engine.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one YAML or JSON file into a node tree that keeps every position, with the limits a hostile file
 * needs (size, nesting, aliases, expanded size) and YAML 1.1 merge keys ({@code <<: *anchor}) applied.
 */
public final class YamlFile {

    public static final long MAX_BYTES = 10L * 1024 * 1024;
    static final int MAX_NESTING = 64;
    static final int MAX_ALIASES = 200;
    static final long MAX_EXPANDED_NODES = 200_000;

    private final String name;
    private final String text;
    private final Node root;

    private YamlFile(String name, String text, Node root) {
        this.name = name;
        this.text = text;
        this.root = root;
    }

    /** The name the user knows the file by, as printed in every finding. */
    public String name() {
        return name;
    }

    /** The root node, or empty when the file holds no document at all. */
    public Optional<Node> root() {
        return Optional.ofNullable(root);
    }

    public Position position(Node node) {
        return position(node.getStartMark());
    }

    public Position position(Mark mark) {
        return new Position(name, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** The source line holding the mark, for messages that quote what the user wrote. */
    String line(int oneBasedLine) {
        String[] lines = text.split("\r?\n", -1);
        return oneBasedLine - 1 < lines.length ? lines[oneBasedLine - 1] : "";
    }

    /** Reads a file; every problem becomes a diagnostic and an empty result. */
    public static Optional<YamlFile> read(Path file, String name, Diagnostics diagnostics) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                diagnostics.error(Position.startOf(name), "file is larger than 10 MiB: a services or steps file is far smaller; "
                        + "check that the right file is named");
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_BYTES + 1);
            }
        } catch (IOException e) {
            diagnostics.error(Position.startOf(name), "cannot read the file: " + e.getMessage());
            return Optional.empty();
        }
        return parse(bytes, name, name.endsWith(".json"), diagnostics);
    }

    /** Parses bytes already read; {@code json} lets tabs separate tokens as JSON allows. */
    public static Optional<YamlFile> parse(byte[] bytes, String name, boolean json, Diagnostics diagnostics) {
        if (bytes.length > MAX_BYTES) {
            diagnostics.error(Position.startOf(name), "file is larger than 10 MiB: a services or steps file is far smaller; "
                    + "check that the right file is named");
            return Optional.empty();
        }
        Optional<String> text = decode(bytes, name, diagnostics);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String source = text.get();
        if (!source.isEmpty() && source.charAt(0) == '\uFEFF') {
            source = source.substring(1);
        }
        String yaml = json ? tabsOutsideStringsAsSpaces(source) : source;
        try {
            Node root = new Yaml(loaderOptions()).compose(new StringReader(yaml));
            YamlFile file = new YamlFile(name, source, root);
            if (root != null && !file.withinExpansionLimit(diagnostics)) {
                return Optional.empty();
            }
            if (root != null) {
                new MergeKeys(file, diagnostics).apply(root);
            }
            return Optional.of(file);
        } catch (MarkedYAMLException e) {
            diagnostics.error(syntaxPosition(e, name), syntaxMessage(e, name));
        } catch (YAMLException e) {
            diagnostics.error(Position.startOf(name), limitMessage(e.getMessage()));
        } catch (StackOverflowError e) {
            diagnostics.error(Position.startOf(name), "the file nests too deeply to read");
        }
        return Optional.empty();
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit((int) MAX_BYTES);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(true);
        return options;
    }

    private static Optional<String> decode(byte[] bytes, String name, Diagnostics diagnostics) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                diagnostics.error(Position.startOf(name), "this is not a text file (a NUL byte at offset " + i
                        + "): name the YAML or JSON services or steps file");
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            diagnostics.error(Position.startOf(name), "this is not UTF-8 text: save the file as UTF-8");
            return Optional.empty();
        }
    }

    /** JSON allows tabs between tokens, YAML does not; columns stay where they were. */
    static String tabsOutsideStringsAsSpaces(String json) {
        StringBuilder out = new StringBuilder(json.length());
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString && c == '\\' && i + 1 < json.length()) {
                out.append(c).append(json.charAt(++i));
                continue;
            }
            if (c == '"') {
                inString = !inString;
            }
            out.append(!inString && c == '\t' ? ' ' : c);
        }
        return out.toString();
    }

    private static Position syntaxPosition(MarkedYAMLException e, String name) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        return mark == null ? Position.startOf(name) : new Position(name, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static String syntaxMessage(MarkedYAMLException e, String name) {
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
        if (problem.contains("cannot start any token") && problem.contains("TAB")) {
            return "YAML syntax error: a tab is used for indentation; indent with spaces";
        }
        if (problem.contains("found another document")) {
            return "YAML syntax error: the file holds more than one document ('---'); keep one";
        }
        if (problem.contains("exceeds the specified max") || problem.contains("Nesting Depth")) {
            return limitMessage(problem);
        }
        String context = e.getContext() == null ? "" : " " + e.getContext().trim();
        return "YAML syntax error: " + problem.trim() + context;
    }

    private static String limitMessage(String detail) {
        if (detail != null && detail.contains("aliases")) {
            return "the file uses more than " + MAX_ALIASES + " aliases to collections (an alias bomb?): "
                    + "write the repeated parts out or use fewer anchors";
        }
        if (detail != null && detail.contains("Nesting Depth")) {
            return "the file nests deeper than " + MAX_NESTING + " levels";
        }
        return "cannot read the file: " + detail;
    }

    /** Aliases share nodes; this counts the tree they expand to without expanding it. */
    private boolean withinExpansionLimit(Diagnostics diagnostics) {
        Map<Node, Long> sizes = new IdentityHashMap<>();
        long size = expandedSize(root, sizes, new IdentityHashMap<>());
        if (size > MAX_EXPANDED_NODES) {
            diagnostics.error(position(root), "the file expands to more than " + MAX_EXPANDED_NODES
                    + " values through its aliases (an alias bomb?): write the repeated parts out");
            return false;
        }
        return true;
    }

    private static long expandedSize(Node node, Map<Node, Long> sizes, Map<Node, Boolean> onPath) {
        Long known = sizes.get(node);
        if (known != null) {
            return known;
        }
        if (onPath.put(node, Boolean.TRUE) != null) {
            return MAX_EXPANDED_NODES + 1;
        }
        long size = 1;
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                size += expandedSize(tuple.getKeyNode(), sizes, onPath) + expandedSize(tuple.getValueNode(), sizes, onPath);
                if (size > MAX_EXPANDED_NODES) {
                    break;
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                size += expandedSize(item, sizes, onPath);
                if (size > MAX_EXPANDED_NODES) {
                    break;
                }
            }
        }
        onPath.remove(node);
        sizes.put(node, Math.min(size, MAX_EXPANDED_NODES + 1));
        return size;
    }

    /** YAML 1.1 merge keys: explicit keys win, then earlier merged mappings over later ones. */
    private static final class MergeKeys {
        private final YamlFile file;
        private final Diagnostics diagnostics;
        private final Set<Node> done = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

        MergeKeys(YamlFile file, Diagnostics diagnostics) {
            this.file = file;
            this.diagnostics = diagnostics;
        }

        void apply(Node node) {
            if (!done.add(node)) {
                return;
            }
            if (node instanceof SequenceNode sequence) {
                sequence.getValue().forEach(this::apply);
            } else if (node instanceof MappingNode mapping) {
                mapping.getValue().forEach(tuple -> apply(tuple.getValueNode()));
                flatten(mapping);
            }
        }

        private void flatten(MappingNode mapping) {
            if (mapping.getValue().stream().noneMatch(t -> isMergeKey(t.getKeyNode()))) {
                return;
            }
            Set<String> explicit = new LinkedHashSet<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!isMergeKey(tuple.getKeyNode()) && tuple.getKeyNode() instanceof ScalarNode key) {
                    explicit.add(key.getValue());
                }
            }
            List<NodeTuple> result = new ArrayList<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!isMergeKey(tuple.getKeyNode())) {
                    result.add(tuple);
                    continue;
                }
                for (MappingNode source : mergeSources(tuple.getValueNode())) {
                    apply(source);
                    for (NodeTuple inherited : source.getValue()) {
                        if (inherited.getKeyNode() instanceof ScalarNode key && explicit.add(key.getValue())) {
                            result.add(inherited);
                        }
                    }
                }
            }
            mapping.setValue(result);
        }

        private List<MappingNode> mergeSources(Node value) {
            if (value instanceof MappingNode single) {
                return List.of(single);
            }
            List<MappingNode> sources = new ArrayList<>();
            if (value instanceof SequenceNode sequence) {
                for (Node item : sequence.getValue()) {
                    if (item instanceof MappingNode itemMapping) {
                        sources.add(itemMapping);
                    } else {
                        diagnostics.error(file.position(item), "<< merges mappings only: write <<: *anchor or <<: [*a, *b]");
                    }
                }
                return sources;
            }
            diagnostics.error(file.position(value), "<< merges mappings only: write <<: *anchor or <<: [*a, *b]");
            return sources;
        }

        private static boolean isMergeKey(Node key) {
            return key instanceof ScalarNode scalar && scalar.getValue().equals("<<")
                    && (scalar.getTag().getValue().equals("tag:yaml.org,2002:merge") || scalar.getScalarStyle().getChar() == null);
        }
    }
}
