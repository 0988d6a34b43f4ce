package io.jenkins.plugins.registrysteps.engine.auth;

import io.jenkins.plugins.registrysteps.engine.config.RegistryName;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;

/**
 * Registry names as Docker matches logins: a URL with or without scheme and {@code /v1/} or {@code /v2} suffix, or
 * {@code host[:port]}, all meet at one host; Docker Hub's aliases ({@code docker.io}, {@code index.docker.io},
 * {@code registry-1.docker.io}, ...) meet at {@code docker.io}, whose server address in docker configs and credential
 * helpers is {@code https://index.docker.io/v1/}.
 */
public final class RegistryKey {

    /** The key Docker stores Docker Hub logins under. */
    public static final String DOCKER_HUB_SERVER = "https://index.docker.io/v1/";

    private RegistryKey() {
    }

    /** {@code host[:port]}, lower case; {@code docker.io} for every Docker Hub alias. */
    public static String host(String registry) {
        return RegistryName.host(registry);
    }

    /** The server address Docker uses for a host: {@code https://index.docker.io/v1/} for Docker Hub, else the host. */
    public static String serverAddress(String registry) {
        String host = host(registry);
        return host.equals(ImageReference.DOCKER_HUB) ? DOCKER_HUB_SERVER : host;
    }
}
