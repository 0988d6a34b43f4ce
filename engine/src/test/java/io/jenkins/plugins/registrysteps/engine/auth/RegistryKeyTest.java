package io.jenkins.plugins.registrysteps.engine.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryKeyTest {

    @ParameterizedTest
    @CsvSource({
        "https://index.docker.io/v1/, docker.io",
        "index.docker.io, docker.io",
        "registry-1.docker.io, docker.io",
        "docker.io, docker.io",
        "https://registry.hub.docker.com, docker.io",
        "https://quay.io, quay.io",
        "quay.io/username/reponame, quay.io",
        "http://localhost:5000/v2/, localhost:5000",
        "127.0.0.1:5000, 127.0.0.1:5000",
        "https://GCR.io/v2, gcr.io",
    })
    void everySpellingMeetsAtOneHost(String written, String host) {
        assertThat(RegistryKey.host(written)).isEqualTo(host);
    }

    @ParameterizedTest
    @CsvSource({
        "registry-1.docker.io, https://index.docker.io/v1/",
        "docker.io, https://index.docker.io/v1/",
        "https://quay.io/v1/, quay.io",
    })
    void dockerHubServerAddressIsTheV1Url(String written, String server) {
        assertThat(RegistryKey.serverAddress(written)).isEqualTo(server);
    }
}
