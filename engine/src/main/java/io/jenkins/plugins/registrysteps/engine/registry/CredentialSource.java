package io.jenkins.plugins.registrysteps.engine.registry;

import java.io.IOException;
import java.util.Optional;

/**
 * Where a client gets the login for a registry host ({@code docker.io} for Docker Hub). It is asked again whenever a
 * registry challenges, so a source may hand out a renewed login when an earlier one expired.
 */
@FunctionalInterface
public interface CredentialSource {

    /** @throws IOException when a login source is there but unusable; its message says which and how to fix it */
    Optional<Credential> credentialFor(String registry) throws IOException;

    static CredentialSource none() {
        return registry -> Optional.empty();
    }
}
