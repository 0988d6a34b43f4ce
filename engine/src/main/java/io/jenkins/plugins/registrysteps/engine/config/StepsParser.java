package io.jenkins.plugins.registrysteps.engine.config;

import io.jenkins.plugins.registrysteps.engine.spelling.DidYouMean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads codeship-steps.yml into {@link StepsFile}, deciding each step's kind and checking its keys. */
final class StepsParser {

    static final Set<String> STEP_KEYS = Set.of("name", "type", "service", "services", "command", "steps", "tag",
            "exclude", "image_name", "image_tag", "registry", "encrypted_dockercfg_path", "dockercfg_service",
            "encrypted_env_file", "registry_context", "registry_contexts");

    private static final Set<String> TYPES = Set.of("push", "serial", "parallel");
    private static final Set<String> PUSH_ONLY = Set.of("image_name", "image_tag", "registry");
    private static final Map<String, String> MISPLACED = misplaced();

    private final YamlFile file;
    private final Diagnostics diagnostics;

    StepsParser(YamlFile file, Diagnostics diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
    }

    StepsFile parse() {
        if (file.root().isEmpty()) {
            diagnostics.error(Position.startOf(file.name()), "the steps file is empty: list at least one step");
            return new StepsFile(file.name(), List.of());
        }
        Node root = file.root().get();
        if (!(root instanceof SequenceNode sequence)) {
            diagnostics.error(file.position(root), "the steps file must be a list of steps (each starting with \"- \"), not a "
                    + YamlMap.kind(root));
            return new StepsFile(file.name(), List.of());
        }
        List<StepSpec> steps = steps(sequence, "the steps file");
        if (steps.isEmpty() && !diagnostics.hasErrors()) {
            diagnostics.error(file.position(root), "the steps file lists no step");
        }
        return new StepsFile(file.name(), steps);
    }

    private List<StepSpec> steps(SequenceNode sequence, String where) {
        List<StepSpec> steps = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            if (item instanceof MappingNode mapping) {
                step(new YamlMap(file, diagnostics, mapping, "step")).ifPresent(steps::add);
            } else if (!YamlMap.isNull(item)) {
                diagnostics.error(file.position(item), "each entry of " + where + " must be a step (a mapping with service and command, "
                        + "type: push, or steps), not a " + YamlMap.kind(item));
            }
        }
        return steps;
    }

    private java.util.Optional<StepSpec> step(YamlMap map) {
        map.checkKeys(STEP_KEYS, MISPLACED);
        Located<String> type = map.text("type");
        StepSpec.Kind kind = kind(map, type);
        if (kind == null) {
            return java.util.Optional.empty();
        }
        checkKeysFitKind(map, kind);
        List<StepSpec> children = List.of();
        if (kind.isGroup()) {
            children = children(map, kind);
        }
        Located<String> service = map.text("service");
        List<Located<String>> services = map.list("services");
        if (service != null && !services.isEmpty()) {
            diagnostics.error(map.keyPosition("services"), "a step takes \"service\" or \"services\", not both: keep one");
        }
        return java.util.Optional.of(new StepSpec(kind, map.position(), map.text("name"), service, services,
                map.command("command"), filter(map, "tag"), filter(map, "exclude"), map.text("image_name"), map.text("image_tag"),
                registryText(map), registryList(map), map.text("encrypted_dockercfg_path"), map.text("dockercfg_service"),
                map.textOrList("encrypted_env_file"), registryContexts(map), children));
    }

    /** {@code registry} written as one value: Codeship's, the registry a push logs in to. */
    private Located<String> registryText(YamlMap map) {
        return registryIsList(map) ? null : map.text("registry");
    }

    /** {@code registry} written as a list: every registry the image goes to, each with its own login. */
    private List<Located<String>> registryList(YamlMap map) {
        if (!registryIsList(map)) {
            return List.of();
        }
        List<Located<String>> registries = map.list("registry");
        if (registries.isEmpty()) {
            diagnostics.error(map.keyPosition("registry"), "\"registry\" lists no registry: name at least one, or remove it");
        }
        return registries;
    }

    private static boolean registryIsList(YamlMap map) {
        return map.value("registry").filter(SequenceNode.class::isInstance).isPresent();
    }

    /** Codefresh's {@code registry_context} (one name) or {@code registry_contexts} (a list): the pull logins' registries. */
    private List<Located<String>> registryContexts(YamlMap map) {
        if (map.has("registry_context") && map.has("registry_contexts")) {
            diagnostics.error(map.keyPosition("registry_contexts"), "a step takes \"registry_context\" or \"registry_contexts\", "
                    + "not both: keep one");
        }
        Located<String> one = map.text("registry_context");
        return one != null ? List.of(one) : map.list("registry_contexts");
    }

    /** {@code type} decides; without it {@code steps} makes a serial group and {@code command} a run step. */
    private StepSpec.Kind kind(YamlMap map, Located<String> type) {
        if (type != null) {
            if (!TYPES.contains(type.value())) {
                String suggestion = DidYouMean.closest(type.value(), TYPES).map(t -> " (did you mean \"" + t + "\"?)").orElse("");
                diagnostics.error(type.position(), "unknown step type \"" + type.value() + "\"" + suggestion
                        + ": use push, serial or parallel, or leave type out for a run step");
                return null;
            }
            return StepSpec.Kind.valueOf(type.value().toUpperCase(java.util.Locale.ROOT));
        }
        if (map.has("steps")) {
            return StepSpec.Kind.SERIAL;
        }
        if (map.value("command").isPresent()) {
            return StepSpec.Kind.RUN;
        }
        if (map.has("image_name")) {
            diagnostics.error(map.position(), "this step has image_name but no \"type: push\": add it to push the image");
        } else {
            diagnostics.error(map.position(), "a step needs \"command\" (run), \"type: push\", or \"steps\" (a group)");
        }
        return null;
    }

    private void checkKeysFitKind(YamlMap map, StepSpec.Kind kind) {
        switch (kind) {
            case RUN -> {
                for (String key : PUSH_ONLY) {
                    if (map.has(key)) {
                        diagnostics.warning(map.keyPosition(key), "\"" + key + "\" has no effect on a run step (it has a command): "
                                + "remove it, or make the step \"type: push\" without a command");
                    }
                }
            }
            case PUSH -> {
                rejectOn(map, "command", "a push step runs no command: remove \"command\", or make it a separate run step");
                rejectOn(map, "steps", "a push step has no \"steps\": use \"type: serial\" or \"type: parallel\" for a group");
                if (!map.has("image_name")) {
                    diagnostics.error(map.position(), "push step" + nameSuffix(map) + " has no \"image_name\": name the image "
                            + "to push, as [registry/][owner/]name");
                }
            }
            case SERIAL, PARALLEL -> {
                rejectOn(map, "command", "a " + kind.label() + " group runs no command itself: move \"command\" into one of its steps");
                for (String key : PUSH_ONLY) {
                    rejectOn(map, key, "\"" + key + "\" belongs on a push step, not on a " + kind.label() + " group");
                }
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private void rejectOn(YamlMap map, String key, String message) {
        if (map.has(key)) {
            diagnostics.error(map.keyPosition(key), message);
        }
    }

    private List<StepSpec> children(YamlMap map, StepSpec.Kind kind) {
        java.util.Optional<Node> value = map.value("steps");
        if (value.isEmpty()) {
            diagnostics.error(map.position(), "a " + kind.label() + " group" + nameSuffix(map) + " needs \"steps\": list its steps");
            return List.of();
        }
        if (!(value.get() instanceof SequenceNode sequence)) {
            diagnostics.error(file.position(value.get()), "\"steps\" must be a list of steps, not a " + YamlMap.kind(value.get()));
            return List.of();
        }
        List<StepSpec> children = steps(sequence, "\"steps\"");
        if (children.isEmpty() && sequence.getValue().isEmpty()) {
            diagnostics.error(file.position(value.get()), "the " + kind.label() + " group" + nameSuffix(map) + " has no steps");
        }
        return children;
    }

    private Located<BranchFilter> filter(YamlMap map, String key) {
        Located<String> value = map.text(key);
        if (value == null) {
            return null;
        }
        try {
            return new Located<>(BranchFilter.of(value.value()), value.position());
        } catch (IllegalArgumentException e) {
            diagnostics.error(value.position(), key + ": " + e.getMessage());
            return null;
        }
    }

    private static String nameSuffix(YamlMap map) {
        return map.value("name").filter(ScalarNode.class::isInstance)
                .map(name -> " \"" + ((ScalarNode) name).getValue() + "\"").orElse("");
    }

    private static Map<String, String> misplaced() {
        Map<String, String> hints = new LinkedHashMap<>();
        for (String key : ServicesParser.SERVICE_KEYS) {
            if (!STEP_KEYS.contains(key)) {
                hints.put(key, "it is a service key: set it on the service in the services file");
            }
        }
        hints.put("dockerfile", "it belongs inside \"build:\" of a service in the services file");
        hints.put("dockerfile_path", "it belongs inside \"build:\" of a service in the services file");
        return hints;
    }
}
