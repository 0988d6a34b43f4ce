package io.jenkins.plugins.registrysteps.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestTest {

    private static final String A = "sha256:" + "a".repeat(64);
    private static final String B = "sha256:" + "b".repeat(64);

    @Test
    void imageManifestReferencesConfigThenLayers() throws IOException {
        String json = "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"c\",\"digest\":\"" + A + "\",\"size\":5},"
                + "\"layers\":[{\"mediaType\":\"l\",\"digest\":\"" + B + "\",\"size\":7}]}";
        Manifest manifest = Manifest.of(json.getBytes(StandardCharsets.UTF_8), Manifest.DOCKER_V2);
        assertThat(manifest.isIndex()).isFalse();
        assertThat(manifest.references()).extracting(d -> d.digest().toString() + "/" + d.size())
                .containsExactly(A + "/5", B + "/7");
    }

    @Test
    void indexReferencesItsManifests() throws IOException {
        String json = "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"m\",\"digest\":\"" + A + "\",\"size\":1}]}";
        Manifest index = Manifest.of(json.getBytes(StandardCharsets.UTF_8), Manifest.OCI_INDEX);
        assertThat(index.isIndex()).isTrue();
        assertThat(index.references()).extracting(Descriptor::mediaType).containsExactly("m");
    }

    @Test
    void digestIsOfTheBytesAsServed() {
        byte[] spaced = "{ \"schemaVersion\" : 2 }".getBytes(StandardCharsets.UTF_8);
        assertThat(Manifest.of(spaced, Manifest.OCI_MANIFEST).digest()).isEqualTo(Digest.sha256(spaced));
        assertThat(Digest.sha256(new byte[0]).toString())
                .isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void malformedDigestIsRejected() {
        assertThatThrownBy(() -> Digest.parse("sha256:xyz")).hasMessageContaining("not a sha256");
    }

    @Test
    void credentialTextHidesTheSecret() {
        assertThat(new Credential("robot", "s3cr3t").toString()).doesNotContain("s3cr3t").contains("robot");
    }

    @Test
    void loopbackHostsMayUsePlainHttp() {
        assertThat(RegistryConnection.isLoopback("127.0.0.1:5000")).isTrue();
        assertThat(RegistryConnection.isLoopback("localhost:5000")).isTrue();
        assertThat(RegistryConnection.isLoopback("[::1]:5000")).isTrue();
        assertThat(RegistryConnection.isLoopback("quay.io")).isFalse();
        assertThat(RegistryConnection.isLoopback("10.0.0.1:5000")).isFalse();
    }
}
