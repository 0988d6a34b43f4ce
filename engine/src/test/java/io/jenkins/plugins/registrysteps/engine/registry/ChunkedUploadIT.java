package io.jenkins.plugins.registrysteps.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.rig.Rig;
import io.jenkins.plugins.registrysteps.engine.rig.RigRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChunkedUploadIT {

    private static final long CHUNK = 128 * 1024;

    private static RigRegistry source;
    private static RigRegistry target;
    private static ImageReference image;
    private static RegistryClient client;

    @BeforeAll
    static void startServers() throws Exception {
        Rig rig = Rig.get();
        source = rig.registry().name("chunk-source").start();
        target = rig.registry().name("chunk-target").start();
        rig.docker("tag", rig.baseImage(), source.host() + "/team/base:1");
        rig.docker("push", source.host() + "/team/base:1");
        image = ImageReference.parse(source.host() + "/team/base:1");
        client = RegistryClient.builder().chunkSize(CHUNK).build();
    }

    @AfterAll
    static void stopRegistries() {
        source.close();
        target.close();
    }

    private static long largestBlob() throws Exception {
        return client.pullManifest(image).references().stream().mapToLong(Descriptor::size).max().orElseThrow();
    }

    @Test
    void largeBlobsGoUpInChunks() throws Exception {
        AccessLog log = AccessLog.from(target);
        CopyResult result = new ImageCopier(client).copy(image, ImageReference.parse(target.host() + "/chunked/base:1"));
        long chunks = (largestBlob() + CHUNK - 1) / CHUNK;
        assertThat(chunks).as("the test needs a blob of several chunks").isGreaterThan(2);
        List<String> requests = log.requestsSince(1);
        assertThat(requests.stream().filter(r -> r.startsWith("PATCH ") && r.endsWith("202"))).hasSizeGreaterThanOrEqualTo((int) chunks);
        assertThat(result.digest()).isEqualTo(client.pullManifest(image).digest());
        assertThat(client.manifestDigest(ImageReference.parse(target.host() + "/chunked/base:1"))).contains(result.digest());
    }

    @Test
    void aDroppedChunkIsResumedFromWhatTheRegistryHolds() throws Exception {
        AtomicInteger patches = new AtomicInteger();
        try (FaultyProxy proxy = new FaultyProxy(target.url(), r -> r.startsWith("PATCH ") && patches.incrementAndGet() == 2,
                FaultyProxy.Fault.DROP, 1)) {
            AccessLog log = AccessLog.from(target);
            CopyResult result = new ImageCopier(client).copy(image, ImageReference.parse(proxy.host() + "/resumed/base:1"));
            assertThat(proxy.faultsServed()).isEqualTo(1);
            assertThat(log.requestsSince(1)).anySatisfy(r -> assertThat(r).startsWith("GET /v2/resumed/base/blobs/uploads/")
                    .endsWith("204"));
            assertThat(client.manifestDigest(ImageReference.parse(target.host() + "/resumed/base:1"))).contains(result.digest());
        }
    }
}
