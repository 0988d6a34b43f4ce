package io.jenkins.plugins.registrysteps.engine.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Reads codeship-services.yml (or its docker-compose form) into {@link ServicesFile}. */
final class ServicesParser {

    static final Set<String> SERVICE_KEYS = Set.of("build", "image", "environment", "env_file", "encrypted_env_file",
            "encrypted_environment", "volumes", "volumes_from", "links", "depends_on", "working_dir", "entrypoint",
            "command", "ports", "cached", "default_cache_branch", "add_docker", "extra_hosts", "cap_add",
            "dockercfg_service", "encrypted_dockercfg_path");

    static final Set<String> BUILD_KEYS = Set.of("image", "name", "dockerfile", "dockerfile_path", "context", "path",
            "args", "encrypted_args_file", "encrypted_args", "target", "labels");

    /** docker-compose keys that Codeship Pro never ran: kept out of the run, with a warning rather than an error. */
    static final Set<String> COMPOSE_ONLY_KEYS = Set.of("container_name", "restart", "networks", "network_mode",
            "healthcheck", "user", "privileged", "logging", "labels", "deploy", "expose", "hostname", "domainname", "dns",
            "dns_search", "tmpfs", "ulimits", "stdin_open", "tty", "init", "platform", "profiles", "secrets", "configs",
            "stop_signal", "stop_grace_period", "security_opt", "devices", "pid", "ipc", "shm_size", "mem_limit", "cpus",
            "cap_drop", "sysctls", "read_only", "pull_policy", "scale", "external_links", "env");

    private static final Set<String> COMPOSE_TOP_KEYS = Set.of("version", "services", "volumes", "networks", "secrets",
            "configs", "name");

    private static final Map<String, String> MISPLACED_IN_SERVICE = misplacedInService();
    private static final Map<String, String> MISPLACED_IN_BUILD = misplacedInBuild();

    private final YamlFile file;
    private final Diagnostics diagnostics;

    ServicesParser(YamlFile file, Diagnostics diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
    }

    ServicesFile parse() {
        Map<String, Service> services = new LinkedHashMap<>();
        if (file.root().isEmpty()) {
            diagnostics.error(Position.startOf(file.name()), "the services file is empty: define at least one service");
            return new ServicesFile(file.name(), services);
        }
        Node root = file.root().get();
        if (!(root instanceof MappingNode rootMapping)) {
            diagnostics.error(file.position(root), "the services file must be a mapping of service names to services, not a "
                    + YamlMap.kind(root));
            return new ServicesFile(file.name(), services);
        }
        YamlMap top = new YamlMap(file, diagnostics, rootMapping, "the services file");
        YamlMap serviceMap = composeServices(top);
        for (String serviceName : serviceMap.keys()) {
            Position at = serviceMap.keyPosition(serviceName);
            if (serviceName.isBlank()) {
                diagnostics.error(at, "a service needs a name");
                continue;
            }
            serviceMap.map(serviceName, "service \"" + serviceName + "\"")
                    .map(body -> service(new Located<>(serviceName, at), body))
                    .ifPresentOrElse(service -> services.put(serviceName, service), () -> {
                        if (serviceMap.value(serviceName).isEmpty()) {
                            diagnostics.error(at, "service \"" + serviceName + "\" is empty: give it build or image");
                        }
                    });
        }
        if (services.isEmpty() && !diagnostics.hasErrors()) {
            diagnostics.error(top.position(), "the services file defines no service");
        }
        return new ServicesFile(file.name(), services);
    }

    /** The docker-compose form wraps services in {@code services:} beside {@code version:}. */
    private YamlMap composeServices(YamlMap top) {
        boolean composeForm = top.has("services") && top.keys().stream().allMatch(COMPOSE_TOP_KEYS::contains)
                && top.value("services").map(v -> v instanceof MappingNode).orElse(false);
        if (!composeForm) {
            return top;
        }
        for (String ignored : top.keys()) {
            if (!ignored.equals("services") && !ignored.equals("version")) {
                diagnostics.warning(top.keyPosition(ignored), "top-level \"" + ignored
                        + "\" of a docker-compose file is ignored: Codeship services use paths in \"volumes\" instead");
            }
        }
        return top.map("services", "\"services\"").orElse(top);
    }

    private Service service(Located<String> name, YamlMap body) {
        for (String key : body.keys()) {
            if (COMPOSE_ONLY_KEYS.contains(key)) {
                diagnostics.warning(body.keyPosition(key), "\"" + key + "\" in " + body.owner()
                        + " is a docker-compose key that Codeship Pro does not support: it is ignored");
            }
        }
        body.checkKeys(SERVICE_KEYS, MISPLACED_IN_SERVICE, COMPOSE_ONLY_KEYS);
        Build build = build(body);
        Located<String> image = body.text("image");
        if (build == null && image == null && !body.has("build")) {
            diagnostics.error(body.position(), body.owner() + " needs \"build\" (a Dockerfile to build) or \"image\" (an image to pull)");
        }
        return new Service(name, build, image, body.variables("environment"), body.textOrList("env_file"),
                body.textOrList("encrypted_env_file"), body.textOrList("encrypted_environment"), body.list("volumes"),
                body.list("volumes_from"), body.list("links"), body.list("depends_on"), body.text("working_dir"),
                body.command("entrypoint"), body.command("command"), body.list("ports"), body.bool("cached"),
                body.text("default_cache_branch"), body.bool("add_docker"), body.list("extra_hosts"), body.list("cap_add"),
                body.text("dockercfg_service"), body.text("encrypted_dockercfg_path"));
    }

    private Build build(YamlMap service) {
        if (service.value("build").isEmpty()) {
            return null;
        }
        Node value = service.value("build").get();
        if (!(value instanceof MappingNode)) {
            Located<String> context = service.text("build");
            return context == null ? null : new Build(context.position(), null, null, context, Map.of(), java.util.List.of(),
                    java.util.List.of(), null, Map.of());
        }
        YamlMap build = service.map("build", "\"build\" of " + service.owner()).orElseThrow();
        build.checkKeys(BUILD_KEYS, MISPLACED_IN_BUILD);
        return new Build(build.position(),
                either(build, "image", "name"),
                either(build, "dockerfile", "dockerfile_path"),
                either(build, "context", "path"),
                build.variables("args"), build.textOrList("encrypted_args_file"), build.textOrList("encrypted_args"),
                build.text("target"), build.variables("labels"));
    }

    /** The current key, else its legacy spelling; both given is an error naming the one that wins. */
    private Located<String> either(YamlMap build, String current, String legacy) {
        Located<String> now = build.text(current);
        Located<String> old = build.text(legacy);
        if (now != null && old != null && !now.value().equals(old.value())) {
            diagnostics.error(old.position(), "\"" + legacy + "\" and \"" + current + "\" both set in " + build.owner()
                    + ": they mean the same; keep \"" + current + "\"");
        }
        return now != null ? now : old;
    }

    private static Map<String, String> misplacedInService() {
        Map<String, String> hints = new LinkedHashMap<>();
        for (String key : Set.of("dockerfile", "dockerfile_path", "context", "path", "args", "encrypted_args_file", "target")) {
            hints.put(key, "it belongs inside \"build:\"");
        }
        for (String key : Set.of("image_name", "image_tag", "registry", "tag", "exclude", "type", "steps", "service", "services")) {
            hints.put(key, "it is a step key: set it on a step in the steps file");
        }
        return hints;
    }

    private static Map<String, String> misplacedInBuild() {
        Map<String, String> hints = new LinkedHashMap<>();
        for (String key : SERVICE_KEYS) {
            if (!BUILD_KEYS.contains(key)) {
                hints.put(key, "it is a service key: move it out of \"build:\" to the service (indent it like \"build:\")");
            }
        }
        for (String key : Set.of("image_name", "image_tag", "registry")) {
            hints.put(key, "it is a push-step key: set it on the push step in the steps file");
        }
        return hints;
    }
}
