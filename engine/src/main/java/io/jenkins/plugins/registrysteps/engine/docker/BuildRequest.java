package io.jenkins.plugins.registrysteps.engine.docker;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image build: the context folder, the Dockerfile relative to it, build args, target stage, labels and tags.
 *
 * @param network the network RUN steps use ({@code none} keeps a build off every network); null for the daemon's
 */
public record BuildRequest(Path context, String dockerfile, Map<String, String> args, String target,
        Map<String, String> labels, List<String> tags, String network) {

    public BuildRequest {
        args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        tags = List.copyOf(tags);
    }
}
