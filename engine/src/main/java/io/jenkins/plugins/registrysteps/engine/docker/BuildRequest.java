package io.jenkins.plugins.registrysteps.engine.docker;

import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image build: the context folder, the Dockerfile relative to it, build args, target stage, labels and tags.
 *
 * @param network the network RUN steps use ({@code none} keeps a build off every network); null for the daemon's
 * @param cacheFrom images whose layers may serve as cache besides the daemon's own
 * @param noCache build every instruction afresh, using no cache at all
 * @param pullLogins logins for the registries {@code FROM} may pull from, keyed by Docker's server address
 */
public record BuildRequest(Path context, String dockerfile, Map<String, String> args, String target,
        Map<String, String> labels, List<String> tags, String network, List<String> cacheFrom, boolean noCache,
        Map<String, Credential> pullLogins) {

    public BuildRequest {
        args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        tags = List.copyOf(tags);
        cacheFrom = List.copyOf(cacheFrom);
        pullLogins = Map.copyOf(pullLogins);
    }

    /** A build that may use the daemon's cache and pulls anonymously. */
    public BuildRequest(Path context, String dockerfile, Map<String, String> args, String target,
            Map<String, String> labels, List<String> tags, String network) {
        this(context, dockerfile, args, target, labels, tags, network, List.of(), false, Map.of());
    }
}
