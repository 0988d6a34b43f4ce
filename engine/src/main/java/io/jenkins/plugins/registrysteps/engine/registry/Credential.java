package io.jenkins.plugins.registrysteps.engine.registry;

import java.io.Serializable;
import java.util.Objects;

/**
 * A registry login: a user name with a password, an identity token (an OAuth refresh token that Bearer realms trade
 * for access tokens) or a registry token (sent as the Bearer token itself), as Docker's {@code AuthConfig} holds them.
 * Its text form never shows the secret.
 */
public record Credential(String username, String secret, Kind kind) implements Serializable {

    /** What the secret is. */
    public enum Kind {
        PASSWORD, IDENTITY_TOKEN, REGISTRY_TOKEN
    }

    public Credential {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(kind, "kind");
    }

    /** A user name and password. */
    public Credential(String username, String secret) {
        this(username, secret, Kind.PASSWORD);
    }

    @Override
    public String toString() {
        return "Credential[" + username + ", ****" + (kind == Kind.PASSWORD ? "" : ", " + kind) + "]";
    }
}
