package io.jenkins.plugins.registrysteps.engine.registry;

import java.util.Objects;

/** A registry login: user name and password or token. Its text form never shows the secret. */
public record Credential(String username, String secret) {

    public Credential {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "Credential[" + username + ", ****]";
    }
}
