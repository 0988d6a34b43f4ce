package io.jenkins.plugins.registrysteps.engine.docker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container to run to completion: its image, the command as arguments (never given to a shell), environment,
 * working folder, bind mounts ({@code /host:/container[:ro]}) and network ({@code none} for no network).
 *
 * @param entrypoint replaces the image's entrypoint when not null
 */
public record RunRequest(String image, List<String> command, List<String> entrypoint, Map<String, String> environment,
        String workingDir, List<String> binds, String network) {

    public RunRequest {
        command = List.copyOf(command);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        binds = List.copyOf(binds);
    }
}
