package io.jenkins.plugins.registrysteps.engine.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to bake into a pushed image's config, as Wercker's docker-push does: a {@code null} or empty value leaves the
 * image's own setting alone. {@code env} and {@code labels} are merged into the image's.
 *
 * @param ports as Docker writes them: {@code 5000}, {@code 5000/tcp}, {@code 53/udp}
 */
public record ImageSettings(List<String> cmd, List<String> entrypoint, List<String> ports, Map<String, String> env,
        Map<String, String> labels, String workingDir, String user) {

    public static final ImageSettings UNCHANGED = new ImageSettings(null, null, null, Map.of(), Map.of(), null, null);

    public ImageSettings {
        cmd = cmd == null ? null : List.copyOf(cmd);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        ports = ports == null ? List.of() : List.copyOf(ports);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env == null ? Map.of() : env));
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels == null ? Map.of() : labels));
    }
}
