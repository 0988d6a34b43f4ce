package io.jenkins.plugins.registrysteps.engine.auth;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * GCR and Artifact Registry logins with OAuth2 access tokens (google-auth-library): a service-account JSON key is
 * traded for a token of scope {@code cloud-platform} at the key's {@code token_uri}, and the registry is logged in to as
 * user {@code oauth2accesstoken} with the token as password. Tokens are kept until shortly before they expire (Google's
 * live an hour), then fetched again. Without a key, the run's {@code GOOGLE_APPLICATION_CREDENTIALS} file is read, else
 * Google's Application Default Credentials (gcloud's user login, the metadata server) are used.
 */
final class GoogleTokenLogins {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String USER = "oauth2accesstoken";
    static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";
    /** A token this close to its expiry is fetched again: a push may take that long. */
    static final Duration RENEW_BEFORE = Duration.ofMinutes(10);

    private final Map<String, String> environment;
    private final Clock clock;
    private final ExpiringLogins<LoginSpec.GoogleToken> tokens;

    GoogleTokenLogins(Map<String, String> environment, Clock clock) {
        this.environment = environment;
        this.clock = clock;
        this.tokens = new ExpiringLogins<>(clock, RENEW_BEFORE, this::fetch);
    }

    Credential login(LoginSpec.GoogleToken spec) throws LoginException {
        return tokens.login(spec);
    }

    private ExpiringLogins.Token fetch(LoginSpec.GoogleToken spec) throws LoginException {
        String action = "get a Google access token with " + spec.source();
        GoogleCredentials credentials = credentials(spec, action);
        AccessToken token;
        try {
            token = credentials.createScoped(List.of(SCOPE)).refreshAccessToken();
        } catch (IOException | RuntimeException e) {
            throw new LoginException(action + ": " + reason(e), e);
        }
        Instant expires = token.getExpirationTime() != null ? token.getExpirationTime().toInstant()
                : clock.instant().plus(Duration.ofHours(1));
        return new ExpiringLogins.Token(new Credential(USER, token.getTokenValue()), expires);
    }

    private GoogleCredentials credentials(LoginSpec.GoogleToken spec, String action) throws LoginException {
        if (spec.key() != null) {
            checkJson(spec.key(), action);
        }
        String file = environment.get("GOOGLE_APPLICATION_CREDENTIALS");
        try {
            if (spec.key() != null) {
                return GoogleCredentials.fromStream(new ByteArrayInputStream(spec.key().getBytes(StandardCharsets.UTF_8)));
            }
            if (file != null && !file.isEmpty()) {
                try (InputStream in = Files.newInputStream(Path.of(file))) {
                    return GoogleCredentials.fromStream(in);
                }
            }
            return GoogleCredentials.getApplicationDefault();
        } catch (IOException | RuntimeException e) {
            throw new LoginException(action + ": the key cannot be read: " + reason(e), e);
        }
    }

    /** A key that is not JSON is reported by place only: the parsers' messages quote the text they stumbled on. */
    private static void checkJson(String key, String action) throws LoginException {
        try {
            JSON.readTree(key);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new LoginException(action + ": the key is not JSON (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + "): give the service account's JSON key as Google Cloud downloads it");
        }
    }

    /** google-auth-library's message on one line (it puts the token endpoint's answer on lines of its own). */
    private static String reason(Exception e) {
        return String.valueOf(e.getMessage()).strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
