package io.jenkins.plugins.registrysteps.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthChallengeTest {

    @Test
    void bearerChallengeGivesRealmServiceAndScope() {
        AuthChallenge challenge = AuthChallenge.parse(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/busybox:pull\"")
                .orElseThrow();
        assertThat(challenge.isBearer()).isTrue();
        assertThat(challenge.parameter("realm")).isEqualTo("https://auth.docker.io/token");
        assertThat(challenge.parameter("service")).isEqualTo("registry.docker.io");
        assertThat(challenge.parameter("scope")).isEqualTo("repository:library/busybox:pull");
    }

    @Test
    void scopeWithCommaInsideQuotesStaysWhole() {
        AuthChallenge challenge = AuthChallenge.parse("Bearer realm=\"r\", scope=\"repository:a/b:pull,push\"").orElseThrow();
        assertThat(challenge.parameter("scope")).isEqualTo("repository:a/b:pull,push");
    }

    @Test
    void basicChallengeIsRecognisedWhateverTheCase() {
        AuthChallenge challenge = AuthChallenge.parse("basic realm=\"Registry Realm\"").orElseThrow();
        assertThat(challenge.isBasic()).isTrue();
        assertThat(challenge.parameter("realm")).isEqualTo("Registry Realm");
    }

    @Test
    void unquotedValuesAreRead() {
        assertThat(AuthChallenge.parse("Bearer realm=http://127.0.0.1:1/token,service=rig").orElseThrow().parameter("service"))
                .isEqualTo("rig");
    }

    @Test
    void emptyHeaderIsNoChallenge() {
        assertThat(AuthChallenge.parse(" ")).isEmpty();
    }
}
