package io.jenkins.plugins.registrysteps.engine.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import org.junit.jupiter.api.Test;

class CloudRegistriesTest {

    private static final String KEY = "{\"type\": \"service_account\", \"project_id\": \"p\", \"private_key\": \"-----BEGIN\"}";

    @Test
    void ecrHostsGiveAccountAndRegion() {
        assertThat(CloudRegistries.ecr("123456789012.dkr.ecr.eu-west-1.amazonaws.com"))
                .contains(new CloudRegistries.EcrHost("123456789012", "eu-west-1"));
        assertThat(CloudRegistries.ecr("123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com"))
                .contains(new CloudRegistries.EcrHost("123456789012", "us-gov-west-1"));
        assertThat(CloudRegistries.ecr("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn"))
                .contains(new CloudRegistries.EcrHost("123456789012", "cn-north-1"));
        assertThat(CloudRegistries.ecr("public.ecr.aws")).isEmpty();
        assertThat(CloudRegistries.ecr("12345.dkr.ecr.eu-west-1.amazonaws.com")).isEmpty();
        assertThat(CloudRegistries.ecr("123456789012.dkr.ecr.eu-west-1.amazonaws.com.evil.example")).isEmpty();
    }

    @Test
    void googlesRegistriesAreKnownByHost() {
        assertThat(CloudRegistries.google("gcr.io")).isTrue();
        assertThat(CloudRegistries.google("eu.gcr.io")).isTrue();
        assertThat(CloudRegistries.google("europe-west4-docker.pkg.dev")).isTrue();
        assertThat(CloudRegistries.google("gcr.io.example.com")).isFalse();
        assertThat(CloudRegistries.google("localhost:5000")).isFalse();
    }

    @Test
    void aServiceAccountKeyIsJsonOfThatType() {
        assertThat(CloudRegistries.isServiceAccountKey(KEY)).isTrue();
        assertThat(CloudRegistries.isServiceAccountKey("{\"auths\": {}}")).isFalse();
        assertThat(CloudRegistries.isServiceAccountKey("{\"type\": \"authorized_user\"}")).isFalse();
        assertThat(CloudRegistries.isServiceAccountKey("plain-token")).isFalse();
        assertThat(CloudRegistries.isServiceAccountKey("{not json")).isFalse();
    }

    @Test
    void aKeyLogsInWithAnAccessTokenAtGoogleAndAsJsonKeyElsewhere() {
        assertThat(CloudRegistries.serviceAccountLogin(KEY, "us-docker.pkg.dev", "credentials 'k'"))
                .isEqualTo(new LoginSpec.GoogleToken(KEY, "credentials 'k'"));
        assertThat(CloudRegistries.serviceAccountLogin(KEY, "mirror.example.com", "credentials 'k'"))
                .isEqualTo(new LoginSpec.Fixed(new Credential("_json_key", KEY)));
    }
}
