package io.jenkins.plugins.registrysteps.engine.config;

import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import java.util.Locale;
import java.util.Set;

/** The host a {@code registry:} value names: a URL, {@code host[:port]}, or a host with a repository path. */
public final class RegistryName {

    private static final Set<String> DOCKER_HUB_ALIASES = Set.of("docker.io", "index.docker.io", "registry-1.docker.io",
            "registry.hub.docker.com", "hub.docker.com");

    private RegistryName() {
    }

    /** {@code https://index.docker.io/v1/} becomes {@code docker.io}, {@code https://gcr.io} becomes {@code gcr.io}. */
    public static String host(String registry) {
        String rest = registry.trim();
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            rest = rest.substring(scheme + 3);
        }
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            rest = rest.substring(0, slash);
        }
        String host = rest.toLowerCase(Locale.ROOT);
        return DOCKER_HUB_ALIASES.contains(host) ? ImageReference.DOCKER_HUB : host;
    }
}
