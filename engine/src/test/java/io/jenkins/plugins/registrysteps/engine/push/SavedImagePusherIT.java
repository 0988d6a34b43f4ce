package io.jenkins.plugins.registrysteps.engine.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.registrysteps.engine.docker.DockerDaemon;
import io.jenkins.plugins.registrysteps.engine.docker.DockerEndpoint;
import io.jenkins.plugins.registrysteps.engine.docker.LineSink;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.registry.Descriptor;
import io.jenkins.plugins.registrysteps.engine.registry.Digest;
import io.jenkins.plugins.registrysteps.engine.registry.Manifest;
import io.jenkins.plugins.registrysteps.engine.registry.RegistryClient;
import io.jenkins.plugins.registrysteps.engine.rig.Rig;
import io.jenkins.plugins.registrysteps.engine.rig.RigRegistry;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SavedImagePusherIT {

    private static final String IMAGE = "registry-steps/pusher:1";
    private static Rig rig;
    private static DockerDaemon daemon;
    private static RegistryClient client;
    private static String inspected;
    private LayerCache cache;
    private SavedImagePusher pusher;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void buildImage() throws Exception {
        rig = Rig.get();
        Path context = Files.createTempDirectory(rig.dir(), "pusher-");
        // one layer of random data (stored), one of repeated text (compressed), and a command to run after the pull
        Files.writeString(context.resolve("Dockerfile"), "FROM " + rig.baseImage() + "\n"
                + "RUN head -c 3000000 /dev/urandom > /random\n"
                + "RUN for i in $(seq 1 20000); do echo \"line $i of repeated text\"; done > /text\n"
                + "CMD [\"sh\", \"-c\", \"wc -l < /text\"]\n");
        rig.docker("build", "--network", "none", "-t", IMAGE, context.toString());
        inspected = identity(IMAGE);
        daemon = DockerDaemon.connect(DockerEndpoint.fromEnvironment(Map.of("DOCKER_HOST", rig.dockerHost()), rig.dir()));
        client = RegistryClient.builder().build();
    }

    @AfterAll
    static void close() throws Exception {
        client.close();
        daemon.close();
    }

    @BeforeEach
    void freshCache() throws Exception {
        cache = LayerCache.at(Files.createTempDirectory(rig.dir(), "layer-cache-"));
        pusher = new SavedImagePusher(daemon, client, cache, SavedImagePusherIT::daemonPush);
    }

    /** The daemon's push, anonymous as the rig's registries are. */
    private static String daemonPush(String image, ImageReference repository, String tag, LineSink log) throws IOException {
        return daemon.push(image, repository.repository(), tag, log);
    }

    /** The image's config digest and diffIDs, as docker inspect shows them. */
    private static String identity(String image) {
        return rig.docker("inspect", "-f", "{{ .Id }} {{ .RootFS.Layers }}", image).strip();
    }

    @Test
    void pushedImagePullsBackRunsAndKeepsItsConfigAndLayers() throws Exception {
        try (RigRegistry registry = rig.registry().name("pusher-pull").start()) {
            String target = registry.host() + "/team/pushed:v1";
            PushResult result = pusher.push(IMAGE, List.of(PushTarget.of(ImageReference.parse(target))), log::add);

            assertThat(result.throughDaemon()).isFalse();
            assertThat(result.layersUploaded()).isEqualTo(3);
            assertThat(client.manifestDigest(ImageReference.parse(target))).contains(result.digest());
            // gone from the daemon (the base stays), so the pull downloads, unpacks and checks both new layers
            rig.docker("rmi", IMAGE);
            try {
                rig.docker("pull", target);
                assertThat(identity(target)).isEqualTo(inspected);
                assertThat(rig.docker("run", "--rm", "--network", "none", target).strip()).isEqualTo("20000");
            } finally {
                rig.docker("tag", target, IMAGE);
            }
        }
    }

    @Test
    void randomLayerIsStoredAndTextLayerIsCompressed() throws Exception {
        try (RigRegistry registry = rig.registry().name("pusher-gzip").start()) {
            String target = registry.host() + "/team/gzip:v1";
            pusher.push(IMAGE, List.of(PushTarget.of(ImageReference.parse(target))), log::add);

            Manifest manifest = client.pullManifest(ImageReference.parse(target));
            List<Descriptor> layers = manifest.references().subList(1, manifest.references().size());
            assertThat(layers).allSatisfy(layer -> assertThat(layer.mediaType()).isEqualTo(SavedImagePusher.LAYER_MEDIA_TYPE));
            // 3,000,000 random bytes in a tar: stored blocks add a few bytes in 64 KiB; 20,000 text lines shrink tenfold
            assertThat(layers.get(1).size()).isBetween(3_000_000L, 3_100_000L);
            assertThat(layers.get(2).size()).isLessThan(100_000L);
            assertThat(log).anySatisfy(line -> assertThat(line).contains("(gzip stored)"));
            assertThat(log).anySatisfy(line -> assertThat(line).contains("(gzip level 1)"));
        }
    }

    @Test
    void secondPushOfTheSameImageIsOneRequest() throws Exception {
        try (RigRegistry registry = rig.registry().name("pusher-warm").start()) {
            List<PushTarget> target = List.of(PushTarget.of(ImageReference.parse(registry.host() + "/team/warm:v1")));
            PushResult first = pusher.push(IMAGE, target, log::add);
            int mark = requests(registry);

            PushResult second = pusher.push(IMAGE, target, log::add);

            assertThat(second.digest()).isEqualTo(first.digest());
            assertThat(second.layersUploaded()).isZero();
            assertThat(requests(registry) - mark).isEqualTo(1);
        }
    }

    @Test
    void sameLayersGiveTheSameDigestWithoutTheCache() throws Exception {
        try (RigRegistry registry = rig.registry().name("pusher-determinism").start()) {
            PushResult first = pusher.push(IMAGE, List.of(PushTarget.of(ImageReference.parse(registry.host() + "/a/app:1"))), log::add);
            PushResult again = new SavedImagePusher(daemon, client, LayerCache.at(Files.createTempDirectory(rig.dir(), "other-cache-")),
                    SavedImagePusherIT::daemonPush)
                    .push(IMAGE, List.of(PushTarget.of(ImageReference.parse(registry.host() + "/b/app:1"))), log::add);

            assertThat(again.digest()).isEqualTo(first.digest());
            assertThat(again.layersUploaded()).isEqualTo(3);
        }
    }

    @Test
    void layersKnownInAnotherRepositoryAreMountedNotUploaded() throws Exception {
        try (RigRegistry registry = rig.registry().name("pusher-mount").start()) {
            pusher.push(IMAGE, List.of(PushTarget.of(ImageReference.parse(registry.host() + "/team/one:v1"))), log::add);
            int mark = uploads(registry);

            PushResult second = pusher.push(IMAGE, List.of(new PushTarget(ImageReference.parse(registry.host() + "/team/two"),
                    List.of("v1", "v2"))), log::add);

            assertThat(second.layersMounted()).isEqualTo(3);
            assertThat(second.layersUploaded()).isZero();
            assertThat(uploads(registry) - mark).as("blob uploads").isZero();
            assertThat(client.manifestDigest(ImageReference.parse(registry.host() + "/team/two:v2"))).contains(second.digest());
        }
    }

    @Test
    void oneImageToTwoRegistriesAndTwoRepositoriesLandsOnOneDigest() throws Exception {
        try (RigRegistry first = rig.registry().name("pusher-first").start();
                RigRegistry second = rig.registry().name("pusher-second").start()) {
            PushResult result = pusher.push(IMAGE, List.of(
                    new PushTarget(ImageReference.parse(first.host() + "/team/app"), List.of("1", "latest")),
                    PushTarget.of(ImageReference.parse(first.host() + "/other/app:1")),
                    PushTarget.of(ImageReference.parse(second.host() + "/team/app:1"))), log::add);

            // each layer: uploaded to the first registry, mounted into its second repository, uploaded to the other
            assertThat(result.layersUploaded()).isEqualTo(6);
            assertThat(result.layersMounted()).isEqualTo(3);
            for (String image : List.of(first.host() + "/team/app:1", first.host() + "/team/app:latest",
                    first.host() + "/other/app:1", second.host() + "/team/app:1")) {
                assertThat(client.manifestDigest(ImageReference.parse(image))).as(image).contains(result.digest());
            }
        }
    }

    @Test
    void targetsHoldingAnotherGzipOfALayerGetTheNewOneToo() throws Exception {
        try (RigRegistry first = rig.registry().name("pusher-old-gzip").start();
                RigRegistry second = rig.registry().name("pusher-new-gzip").start()) {
            // the first registry holds the text layer gzipped at level 9, as an older zlib or setting might have made it
            String diffId = rig.docker("inspect", "-f", "{{ index .RootFS.Layers 2 }}", IMAGE).strip();
            Map<Digest, byte[]> layers = new HashMap<>();
            try (InputStream tar = daemon.save(IMAGE)) {
                ImageArchive.read(tar, Digest.parse(rig.docker("inspect", "-f", "{{ .Id }}", IMAGE).strip()),
                        Set.of(Digest.parse(diffId)), Spool.of(Files.createTempDirectory(rig.dir(), "spool-"), null, null), (id, file) -> {
                            ByteArrayOutputStream gzip = new ByteArrayOutputStream();
                            try (InputStream in = Files.newInputStream(file)) {
                                LayerGzip.write(in, gzip, 9);
                            }
                            layers.put(id, gzip.toByteArray());
                        });
            }
            byte[] old = layers.get(Digest.parse(diffId));
            ImageReference oldHolder = ImageReference.parse(first.host() + "/team/app");
            client.pushBlob(oldHolder, old);
            cache.putLayer(Digest.parse(diffId), new Descriptor(SavedImagePusher.LAYER_MEDIA_TYPE, Digest.sha256(old), old.length),
                    "gzip level 9", oldHolder.repository());

            PushResult result = pusher.push(IMAGE, List.of(PushTarget.of(ImageReference.parse(first.host() + "/team/app:1")),
                    PushTarget.of(ImageReference.parse(second.host() + "/team/app:1"))), log::add);

            Manifest pushed = client.pullManifest(ImageReference.parse(first.host() + "/team/app:1"));
            assertThat(pushed.digest()).isEqualTo(result.digest());
            for (Descriptor blob : pushed.references()) {
                assertThat(client.hasBlob(oldHolder, blob.digest())).as(blob.digest().toString()).isTrue();
            }
            assertThat(pushed.references()).noneMatch(blob -> blob.digest().equals(Digest.sha256(old)));
        }
    }

    @Test
    void brokenSaveFallsBackToTheDaemonsPushAndSaysSo() throws Exception {
        try (RigRegistry registry = rig.registry().name("pusher-fallback").start()) {
            String target = registry.host() + "/team/fallback:v1";
            SavedImagePusher broken = pusher.withSaver(image -> new CutOff(daemon.save(image), 2_000_000));

            PushResult result = broken.push(IMAGE, List.of(PushTarget.of(ImageReference.parse(target))), log::add);

            assertThat(result.throughDaemon()).isTrue();
            assertThat(log).anySatisfy(line -> assertThat(line)
                    .startsWith("pushing " + IMAGE + " through the Docker daemon instead: docker save of " + IMAGE + " failed"));
            assertThat(client.manifestDigest(ImageReference.parse(target))).contains(result.digest());
        }
    }

    private static int requests(RigRegistry registry) throws InterruptedException {
        Thread.sleep(300); // a line is written just after its response
        return registry.accessLog().size();
    }

    private static int uploads(RigRegistry registry) throws InterruptedException {
        Thread.sleep(300);
        return (int) registry.accessLog().stream().filter(line -> line.contains("\"PATCH /v2/")).count();
    }

    /** A save that breaks off after {@code limit} bytes, as when the daemon dies half-way. */
    private static final class CutOff extends FilterInputStream {
        private long left;

        CutOff(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                throw new IOException("connection to the daemon lost");
            }
            int n = super.read(buffer, offset, (int) Math.min(length, left));
            left -= Math.max(n, 0);
            return n;
        }
    }
}
