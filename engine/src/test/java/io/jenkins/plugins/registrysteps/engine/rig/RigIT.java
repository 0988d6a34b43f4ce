package io.jenkins.plugins.registrysteps.engine.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RigIT {

    private static final String MANIFEST_TYPES = String.join(", ",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.oci.image.manifest.v1+json");

    private static Rig rig;
    private static RigRegistry registry;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startServers() {
        rig = Rig.get();
        registry = rig.startRegistry();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void pushedBaseImageIsServedAsSchema2ManifestWithExistingBlobsAndMatchingDigest() throws Exception {
        String ref = registry.host() + "/rig/busybox:1";
        rig.docker("tag", rig.baseImage(), ref);
        rig.docker("push", ref);

        HttpResponse<byte[]> manifest = http.send(HttpRequest.newBuilder(registry.url().resolve("/v2/rig/busybox/manifests/1"))
                .header("Accept", MANIFEST_TYPES).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(manifest.statusCode()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(manifest.body());
        assertThat(body.path("schemaVersion").asInt()).isEqualTo(2);
        assertThat(body.path("mediaType").asText())
                .isEqualTo("application/vnd.docker.distribution.manifest.v2+json")
                .isEqualTo(manifest.headers().firstValue("Content-Type").orElseThrow());
        assertThat(manifest.headers().firstValue("Docker-Content-Digest"))
                .hasValue("sha256:" + sha256(manifest.body()));

        List<String> digests = new ArrayList<>();
        digests.add(body.path("config").path("digest").asText());
        body.path("layers").forEach(layer -> digests.add(layer.path("digest").asText()));
        assertThat(digests).hasSizeGreaterThanOrEqualTo(2).allMatch(d -> d.matches("sha256:[0-9a-f]{64}"));
        for (String digest : digests) {
            assertThat(head(registry.url().resolve("/v2/rig/busybox/blobs/" + digest)))
                    .as("HEAD blob %s", digest).isEqualTo(200);
        }
    }

    @Test
    void registryAccessLogRecordsEachRequest() throws Exception {
        int before = registry.accessLog().size();

        assertThat(head(registry.url().resolve("/v2/"))).isEqualTo(200);

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (registry.accessLog().size() == before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(registry.accessLog()).last().asString().contains("\"HEAD /v2/ HTTP/1.1\" 200");
    }

    @Test
    void baseImageRunsBusyboxShellWithoutNetwork() {
        String out = rig.docker("run", "--rm", "--network", "none", rig.baseImage(),
                "sh", "-c", "echo hello from $(head -n 1 /etc/passwd | cut -d: -f1)");

        assertThat(out.strip()).isEqualTo("hello from root");
    }

    @Test
    void classicBuilderBuildsFromBaseImage() throws Exception {
        Path context = Files.createTempDirectory(rig.dir(), "build-");
        Files.writeString(context.resolve("Dockerfile"),
                "FROM " + rig.baseImage() + "\nRUN echo built > /built\nCMD [\"cat\", \"/built\"]\n");

        rig.docker("build", "--network", "none", "-t", "rig/built:1", context.toString());

        assertThat(rig.docker("run", "--rm", "--network", "none", "rig/built:1").strip()).isEqualTo("built");
    }

    @Test
    void secondRegistryAnswersOnItsOwnPortUntilClosed() throws Exception {
        RigRegistry other = rig.registry().name("second").start();
        assertThat(other.host()).startsWith("127.0.0.1:").isNotEqualTo(registry.host());
        assertThat(head(other.url().resolve("/v2/"))).isEqualTo(200);

        other.close();

        assertThatThrownBy(() -> head(other.url().resolve("/v2/"))).isInstanceOf(java.net.ConnectException.class);
        assertThat(head(registry.url().resolve("/v2/"))).isEqualTo(200);
    }

    private int head(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
