package io.jenkins.plugins.registrysteps.engine.docker;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where a Docker daemon listens and how to trust it, read as the docker CLI reads it: {@code DOCKER_HOST} (a unix
 * socket or tcp), {@code DOCKER_TLS_VERIFY}, {@code DOCKER_CERT_PATH} and {@code DOCKER_CONFIG}.
 */
public record DockerEndpoint(URI host, boolean tlsVerify, Path certPath, Path configDir) {

    public static final URI DEFAULT_HOST = URI.create("unix:///var/run/docker.sock");

    /** From environment variables, with the CLI's defaults under {@code home}. */
    public static DockerEndpoint fromEnvironment(Map<String, String> env, Path home) {
        String host = env.get("DOCKER_HOST");
        String verify = env.getOrDefault("DOCKER_TLS_VERIFY", "");
        boolean tls = !verify.isBlank() && !verify.trim().equals("0") && !verify.trim().toLowerCase(Locale.ROOT).equals("false");
        Path config = env.containsKey("DOCKER_CONFIG") ? Path.of(env.get("DOCKER_CONFIG")) : home.resolve(".docker");
        Path certs = env.containsKey("DOCKER_CERT_PATH") ? Path.of(env.get("DOCKER_CERT_PATH")) : config;
        return new DockerEndpoint(host == null || host.isBlank() ? DEFAULT_HOST : URI.create(host.trim()), tls, certs, config);
    }
}
