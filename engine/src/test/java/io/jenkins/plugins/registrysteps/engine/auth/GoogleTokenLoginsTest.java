package io.jenkins.plugins.registrysteps.engine.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoogleTokenLoginsTest {

    private static final String SOURCE = "key_file gcr-key.json of registry \"gcr\"";
    private static final String KEY_UNREADABLE = "get a Google access token with " + SOURCE + ": the key cannot be read: ";

    @Test
    void serviceAccountKeyIsTradedForAnAccessTokenOfScopeCloudPlatform() throws Exception {
        try (LoopbackGoogleToken google = new LoopbackGoogleToken("ya29.unit", Duration.ofHours(1))) {
            Credential login = new GoogleTokenLogins(Map.of(), Clock.systemUTC())
                    .login(new LoginSpec.GoogleToken(google.jsonKey(), SOURCE));
            assertThat(login).isEqualTo(new Credential("oauth2accesstoken", google.token(1)));
            assertThat(google.grants()).singleElement().satisfies(claims -> {
                assertThat(claims.path("iss").asText()).isEqualTo(LoopbackGoogleToken.EMAIL);
                assertThat(claims.path("scope").asText()).isEqualTo("https://www.googleapis.com/auth/cloud-platform");
            });
        }
    }

    @Test
    void withoutKeyTheEnvironmentsApplicationCredentialsFileIsUsed(@TempDir Path folder) throws Exception {
        try (LoopbackGoogleToken google = new LoopbackGoogleToken("ya29.adc", Duration.ofHours(1))) {
            Path file = Files.writeString(folder.resolve("adc.json"), google.jsonKey());
            GoogleTokenLogins logins = new GoogleTokenLogins(Map.of("GOOGLE_APPLICATION_CREDENTIALS", file.toString()),
                    Clock.systemUTC());
            assertThat(logins.login(new LoginSpec.GoogleToken(null, "Application Default Credentials")).secret())
                    .isEqualTo(google.token(1));
        }
    }

    @Test
    void tokenIsKeptUntilShortlyBeforeItExpiresThenFetchedAgain() throws Exception {
        try (LoopbackGoogleToken google = new LoopbackGoogleToken("ya29.kept", Duration.ofHours(1))) {
            MovingClock clock = new MovingClock();
            GoogleTokenLogins logins = new GoogleTokenLogins(Map.of(), clock);
            LoginSpec.GoogleToken spec = new LoginSpec.GoogleToken(google.jsonKey(), SOURCE);
            assertThat(logins.login(spec).secret()).isEqualTo(google.token(1));
            clock.advance(Duration.ofMinutes(45));
            assertThat(logins.login(spec).secret()).isEqualTo(google.token(1));
            assertThat(google.grants()).hasSize(1);
            clock.advance(Duration.ofMinutes(10));
            assertThat(logins.login(spec).secret()).isEqualTo(google.token(2));
            assertThat(google.grants()).hasSize(2);
        }
    }

    @Test
    void refusedKeySaysWhereItCameFromAndWhyWithoutTheKey() throws Exception {
        try (LoopbackGoogleToken google = new LoopbackGoogleToken("ya29.refused", Duration.ofHours(1));
             LoopbackGoogleToken other = new LoopbackGoogleToken("ya29.other", Duration.ofHours(1))) {
            String foreignKey = other.jsonKey().replace(other.tokenUri(), google.tokenUri());
            String keyLine = other.privateKeyPem().lines().skip(1).findFirst().orElseThrow();
            GoogleTokenLogins logins = new GoogleTokenLogins(Map.of(), Clock.systemUTC());
            assertThatThrownBy(() -> logins.login(new LoginSpec.GoogleToken(foreignKey, SOURCE)))
                    .isInstanceOf(LoginException.class)
                    .hasMessage("get a Google access token with " + SOURCE + ": Error getting access token for service "
                            + "account: 400 Bad Request POST " + google.tokenUri() + " {\"error\":\"invalid_grant\","
                            + "\"error_description\":\"Invalid JWT Signature.\"}, iss: " + LoopbackGoogleToken.EMAIL)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(keyLine));
        }
    }

    @Test
    void badKeySaysWhereItCameFromWithoutQuotingIt() throws Exception {
        GoogleTokenLogins logins = new GoogleTokenLogins(Map.of(), Clock.systemUTC());
        String notAKey = "{\"type\": \"service_account\", \"client_email\": \"x@y\", \"client_id\": \"1\", "
                + "\"private_key_id\": \"2\", \"private_key\": \"s3cret-not-pem\"}";
        assertThatThrownBy(() -> logins.login(new LoginSpec.GoogleToken(notAKey, SOURCE)))
                .isInstanceOf(LoginException.class)
                .hasMessage(KEY_UNREADABLE + "Invalid PKCS#8 data.")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
        assertThatThrownBy(() -> logins.login(new LoginSpec.GoogleToken("s3cret, not JSON", SOURCE)))
                .isInstanceOf(LoginException.class)
                .hasMessage("get a Google access token with " + SOURCE + ": the key is not JSON (line 1, column 7): give the "
                        + "service account's JSON key as Google Cloud downloads it")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }
}
