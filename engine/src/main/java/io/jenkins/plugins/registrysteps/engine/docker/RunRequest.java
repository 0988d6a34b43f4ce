package io.jenkins.plugins.registrysteps.engine.docker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container to run: its image, the command as arguments (never given to a shell), environment, working folder,
 * bind mounts ({@code /host:/container[:ro]}), network ({@code none} for no network), the names it answers to on
 * that network, and labels that let a run find its containers again.
 *
 * @param entrypoint replaces the image's entrypoint when not null
 * @param command the image's command when empty
 */
public record RunRequest(String image, List<String> command, List<String> entrypoint, Map<String, String> environment,
        String workingDir, List<String> binds, String network, List<String> networkAliases, Map<String, String> labels) {

    public RunRequest {
        command = List.copyOf(command);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        binds = List.copyOf(binds);
        networkAliases = List.copyOf(networkAliases);
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** A container without aliases or labels of its own. */
    public RunRequest(String image, List<String> command, List<String> entrypoint, Map<String, String> environment,
            String workingDir, List<String> binds, String network) {
        this(image, command, entrypoint, environment, workingDir, binds, network, List.of(), Map.of());
    }

    /** The same container on {@code network}, reachable there as each of {@code aliases}. */
    public RunRequest onNetwork(String network, List<String> aliases) {
        return new RunRequest(image, command, entrypoint, environment, workingDir, binds, network, aliases, labels);
    }

    /** The same container with these labels added. */
    public RunRequest labelled(Map<String, String> added) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.putAll(added);
        return new RunRequest(image, command, entrypoint, environment, workingDir, binds, network, networkAliases, all);
    }

    /** The same container with one more bind mount. */
    public RunRequest withBind(String bind) {
        List<String> all = new java.util.ArrayList<>(binds);
        all.add(bind);
        return new RunRequest(image, command, entrypoint, environment, workingDir, all, network, networkAliases, labels);
    }
}
