package io.jenkins.plugins.registrysteps.engine.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EcrLoginsTest {

    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @Test
    void keysAreTradedForTheAwsLoginOfTheRegistry() throws Exception {
        try (LoopbackEcr ecr = new LoopbackEcr("AKIDEXAMPLE", "ecr-password-1", Duration.ofHours(12))) {
            EcrLogins logins = new EcrLogins(Map.of(), Clock.systemUTC());
            Credential login = logins.login(new LoginSpec.Ecr("AKIDEXAMPLE", SECRET_KEY, "eu-west-1", "123456789012", ecr.endpoint()));
            assertThat(login).isEqualTo(new Credential("AWS", "ecr-password-1"));
            assertThat(ecr.requests()).containsExactly(new LoopbackEcr.Request("AKIDEXAMPLE", java.util.List.of("123456789012")));
        }
    }

    @Test
    void withoutKeysTheEnvironmentsAwsKeysAreUsed() throws Exception {
        try (LoopbackEcr ecr = new LoopbackEcr("AKIDFROMENV", "ecr-password-2", Duration.ofHours(12))) {
            EcrLogins logins = new EcrLogins(Map.of("AWS_ACCESS_KEY_ID", "AKIDFROMENV", "AWS_SECRET_ACCESS_KEY", SECRET_KEY),
                    Clock.systemUTC());
            assertThat(logins.login(new LoginSpec.Ecr(null, null, "us-east-1", null, ecr.endpoint())).secret())
                    .isEqualTo("ecr-password-2");
            assertThat(ecr.requests()).singleElement().extracting(LoopbackEcr.Request::registryIds).asList().isEmpty();
        }
    }

    @Test
    void tokenIsKeptUntilShortlyBeforeItExpiresThenFetchedAgain() throws Exception {
        try (LoopbackEcr ecr = new LoopbackEcr("AKIDEXAMPLE", "ecr-password-3", Duration.ofHours(12))) {
            MovingClock clock = new MovingClock();
            EcrLogins logins = new EcrLogins(Map.of(), clock);
            LoginSpec.Ecr spec = new LoginSpec.Ecr("AKIDEXAMPLE", SECRET_KEY, "eu-west-1", "123456789012", ecr.endpoint());
            logins.login(spec);
            clock.advance(Duration.ofHours(11));
            logins.login(spec);
            assertThat(ecr.requests()).hasSize(1);
            clock.advance(Duration.ofMinutes(50));
            logins.login(spec);
            assertThat(ecr.requests()).hasSize(2);
        }
    }

    @Test
    void refusedKeysSayWhichRegistryAndWhyWithoutTheSecret() throws Exception {
        try (LoopbackEcr ecr = new LoopbackEcr("AKIDEXAMPLE", "ecr-password-4", Duration.ofHours(12))) {
            EcrLogins logins = new EcrLogins(Map.of(), Clock.systemUTC());
            assertThatThrownBy(() -> logins.login(new LoginSpec.Ecr("AKIDWRONG", SECRET_KEY, "eu-west-1", "123456789012",
                    ecr.endpoint())))
                    .isInstanceOf(LoginException.class)
                    .hasMessage("get an ECR login token for registry 123456789012 in eu-west-1: AWS refused: "
                            + "UnrecognizedClientException: The security token included in the request is invalid.")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET_KEY));
        }
    }
}
