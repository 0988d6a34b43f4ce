package io.jenkins.plugins.registrysteps.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.rig.Rig;
import io.jenkins.plugins.registrysteps.engine.rig.RigRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RetryIT {

    private static RigRegistry source;
    private static RigRegistry target;
    private static RegistryClient client;
    private static ImageReference image;

    @BeforeAll
    static void startServers() throws Exception {
        Rig rig = Rig.get();
        source = rig.registry().name("retry-source").start();
        target = rig.registry().name("retry-target").start();
        rig.docker("tag", rig.baseImage(), source.host() + "/team/base:1");
        rig.docker("push", source.host() + "/team/base:1");
        image = ImageReference.parse(source.host() + "/team/base:1");
        client = RegistryClient.builder().build();
    }

    @AfterAll
    static void stopRegistries() {
        source.close();
        target.close();
    }

    @Test
    void unavailableAnswersAreRetriedHonouringRetryAfter() throws Exception {
        try (FaultyProxy proxy = new FaultyProxy(target.url(), r -> r.startsWith("HEAD ") && r.contains("/blobs/"),
                FaultyProxy.Fault.UNAVAILABLE, 2)) {
            CopyResult result = new ImageCopier(client).copy(image, ImageReference.parse(proxy.host() + "/retry/unavailable:1"));
            assertThat(proxy.faultsServed()).isEqualTo(2);
            assertThat(result.digest()).isEqualTo(client.pullManifest(image).digest());
        }
    }

    @Test
    void droppedUploadIsStartedAgain() throws Exception {
        try (FaultyProxy proxy = new FaultyProxy(target.url(), r -> r.startsWith("PUT ") && r.contains("/blobs/uploads/"),
                FaultyProxy.Fault.DROP, 1)) {
            CopyResult result = new ImageCopier(client).copy(image, ImageReference.parse(proxy.host() + "/retry/dropped:1"));
            assertThat(proxy.faultsServed()).isEqualTo(1);
            assertThat(client.manifestDigest(ImageReference.parse(target.host() + "/retry/dropped:1"))).contains(result.digest());
        }
    }

    @Test
    void lastingFailureLeavesNoTagBehind() throws Exception {
        try (FaultyProxy proxy = new FaultyProxy(target.url(), r -> r.startsWith("PUT ") && r.contains("/blobs/uploads/"),
                FaultyProxy.Fault.SERVER_ERROR, 1_000)) {
            assertThatThrownBy(() -> new ImageCopier(client).copy(image, ImageReference.parse(proxy.host() + "/retry/broken:1")))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageStartingWith("push blob sha256:")
                    .hasMessageContaining("to " + proxy.host() + "/retry/broken: status 500");
        }
        assertThat(client.manifestDigest(ImageReference.parse(target.host() + "/retry/broken:1"))).isEmpty();
    }

    @Test
    void cancelledCopyStopsItsTransfersAtOnce() throws Exception {
        try (FaultyProxy proxy = new FaultyProxy(target.url(), r -> r.startsWith("PUT ") && r.contains("/blobs/uploads/"),
                FaultyProxy.Fault.STALL, 1_000)) {
            ImageReference promoted = ImageReference.parse(proxy.host() + "/retry/cancelled:1");
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread copying = new Thread(() -> {
                try {
                    new ImageCopier(client).copy(image, promoted);
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            copying.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (proxy.faultsServed() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(proxy.faultsServed()).as("an upload reached the stalling registry").isPositive();

            copying.interrupt();
            copying.join(5_000);

            assertThat(copying.isAlive()).isFalse();
            assertThat(failure.get()).isInstanceOf(RegistryException.class).hasMessageContaining("interrupted");
            // the blob threads were blocked on sockets waiting for an answer; aborting their requests freed them
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (blobThreadsAlive() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(blobThreadsAlive()).as("blob copy threads still blocked after the cancel").isFalse();
            assertThat(client.manifestDigest(ImageReference.parse(target.host() + "/retry/cancelled:1"))).isEmpty();
        }
    }

    private static boolean blobThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("registry-steps blob copy"));
    }
}
