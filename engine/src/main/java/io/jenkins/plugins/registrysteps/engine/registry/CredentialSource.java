package io.jenkins.plugins.registrysteps.engine.registry;

import java.util.Optional;

/** Where a client gets the login for a registry host ({@code docker.io} for Docker Hub). */
@FunctionalInterface
public interface CredentialSource {

    Optional<Credential> credentialFor(String registry);

    static CredentialSource none() {
        return registry -> Optional.empty();
    }
}
