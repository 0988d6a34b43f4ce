package io.jenkins.plugins.registrysteps.engine.auth;

import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logins minted from settings (an ECR or Google token) and kept until shortly before they expire, then minted again,
 * so a long run keeps logging in.
 *
 * @param <K> the settings a login is minted from
 */
final class ExpiringLogins<K> {

    /** A minted login and when the registry stops taking it. */
    record Token(Credential login, Instant expiresAt) {
    }

    @FunctionalInterface
    interface Mint<K> {
        Token mint(K settings) throws LoginException;
    }

    private final Clock clock;
    private final Duration renewBefore;
    private final Mint<K> mint;
    private final Map<K, Token> tokens = new ConcurrentHashMap<>();

    /** @param renewBefore a token this close to its expiry is minted again: a push may take that long */
    ExpiringLogins(Clock clock, Duration renewBefore, Mint<K> mint) {
        this.clock = clock;
        this.renewBefore = renewBefore;
        this.mint = mint;
    }

    Credential login(K settings) throws LoginException {
        Token token = tokens.get(settings);
        if (token == null || !clock.instant().isBefore(token.expiresAt().minus(renewBefore))) {
            token = mint.mint(settings);
            tokens.put(settings, token);
        }
        return token.login();
    }
}
