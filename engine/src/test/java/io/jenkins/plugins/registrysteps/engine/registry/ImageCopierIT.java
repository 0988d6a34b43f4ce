package io.jenkins.plugins.registrysteps.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.image.InvalidReferenceException;
import io.jenkins.plugins.registrysteps.engine.rig.Rig;
import io.jenkins.plugins.registrysteps.engine.rig.RigRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ImageCopierIT {

    private static Rig rig;
    private static RigRegistry first;
    private static RigRegistry second;
    private static RegistryClient client;

    @BeforeAll
    static void startServers() throws Exception {
        rig = Rig.get();
        first = rig.registry().name("copy-first").start();
        second = rig.registry().name("copy-second").start();
        client = RegistryClient.builder().build();
        push(rig.baseImage(), first.host() + "/team/base:1");
    }

    @AfterAll
    static void stopRegistries() {
        first.close();
        second.close();
    }

    private static void push(String local, String remote) {
        rig.docker("tag", local, remote);
        rig.docker("push", remote);
    }

    private static ImageReference ref(String text) throws InvalidReferenceException {
        return ImageReference.parse(text);
    }

    @Test
    void copyBetweenRegistriesKeepsTheDigest() throws Exception {
        Manifest original = client.pullManifest(ref(first.host() + "/team/base:1"));
        CopyResult result = new ImageCopier(client).copy(ref(first.host() + "/team/base:1"), ref(second.host() + "/promoted/base:1"));
        assertThat(result.digest()).isEqualTo(original.digest());
        assertThat(result.blobsUploaded()).isEqualTo(original.references().size());
        assertThat(result.bytesUploaded()).isEqualTo(original.references().stream().mapToLong(Descriptor::size).sum());
        Manifest copied = client.pullManifest(ref(second.host() + "/promoted/base:1"));
        assertThat(copied.bytes()).isEqualTo(original.bytes());
        for (Descriptor blob : copied.references()) {
            assertThat(client.hasBlob(ref(second.host() + "/promoted/base"), blob.digest())).isTrue();
        }
    }

    @Test
    void rerunMovesNoBlobBytes() throws Exception {
        ImageReference source = ref(first.host() + "/team/base:1");
        ImageReference target = ref(second.host() + "/rerun/base:1");
        new ImageCopier(client).copy(source, target);
        AccessLog log = AccessLog.from(second);
        CopyResult again = new ImageCopier(client).copy(source, target);
        assertThat(again.bytesUploaded()).isZero();
        assertThat(log.requestsSince(1)).containsExactly("HEAD /v2/rerun/base/manifests/1 HTTP/1.1\" 200");
    }

    @Test
    void sameRegistryCopyMountsEveryBlob() throws Exception {
        Manifest original = client.pullManifest(ref(first.host() + "/team/base:1"));
        CopyResult result = new ImageCopier(client).copy(ref(first.host() + "/team/base:1"), ref(first.host() + "/other/base:2"));
        assertThat(result.blobsMounted()).isEqualTo(original.references().size());
        assertThat(result.bytesUploaded()).isZero();
        assertThat(client.pullManifest(ref(first.host() + "/other/base:2")).digest()).isEqualTo(original.digest());
    }

    @Test
    void retagMovesNoBlob() throws Exception {
        AccessLog log = AccessLog.from(first);
        Digest digest = new Retagger(client).retag(ref(first.host() + "/team/base:1"), List.of("stable", "v1"));
        assertThat(log.requestsSince(3)).containsExactly(
                "GET /v2/team/base/manifests/1 HTTP/1.1\" 200",
                "PUT /v2/team/base/manifests/stable HTTP/1.1\" 201",
                "PUT /v2/team/base/manifests/v1 HTTP/1.1\" 201");
        assertThat(client.manifestDigest(ref(first.host() + "/team/base:v1"))).contains(digest);
    }

    @Test
    void manifestListIsCopiedWithEveryPlatform() throws Exception {
        Path context = Files.createTempDirectory(rig.dir(), "second-image-");
        Files.writeString(context.resolve("Dockerfile"), "FROM " + rig.baseImage() + "\nRUN echo arm > /platform\n");
        rig.docker("build", "--network", "none", "-t", "rig/other:1", context.toString());
        push("rig/other:1", first.host() + "/team/other:1");
        Manifest amd64 = client.pullManifest(ref(first.host() + "/team/base:1"));
        Manifest arm64 = client.pullManifest(ref(first.host() + "/team/other:1"));
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + Manifest.DOCKER_LIST + "\",\"manifests\":["
                + entry(amd64, "amd64") + "," + entry(arm64, "arm64") + "]}";
        new ImageCopier(client).copy(ref(first.host() + "/team/other:1"), ref(first.host() + "/team/base:other"));
        client.pushManifest(ref(first.host() + "/team/base:multi"), Manifest.of(index.getBytes(StandardCharsets.UTF_8),
                Manifest.DOCKER_LIST));
        Manifest list = client.pullManifest(ref(first.host() + "/team/base:multi"));

        CopyResult result = new ImageCopier(client).copy(ref(first.host() + "/team/base:multi"), ref(second.host() + "/multi/app:1"));

        assertThat(result.digest()).isEqualTo(list.digest());
        assertThat(client.pullManifest(ref(second.host() + "/multi/app:1")).bytes()).isEqualTo(list.bytes());
        for (Manifest child : List.of(amd64, arm64)) {
            assertThat(client.pullManifest(ref(second.host() + "/multi/app@" + child.digest())).bytes()).isEqualTo(child.bytes());
        }
    }

    private static String entry(Manifest manifest, String architecture) {
        return "{\"mediaType\":\"" + manifest.mediaType() + "\",\"digest\":\"" + manifest.digest() + "\",\"size\":"
                + manifest.bytes().length + ",\"platform\":{\"architecture\":\"" + architecture + "\",\"os\":\"linux\"}}";
    }

    @Test
    void missingImageSaysWhichRequestFailed() {
        assertThatThrownBy(() -> new ImageCopier(client).copy(ref(first.host() + "/team/nothing:1"), ref(second.host() + "/x/y:1")))
                .isInstanceOf(RegistryException.class)
                .hasMessageStartingWith("get manifest " + first.host() + "/team/nothing:1: status 404")
                .hasMessageContaining("MANIFEST_UNKNOWN");
    }
}
