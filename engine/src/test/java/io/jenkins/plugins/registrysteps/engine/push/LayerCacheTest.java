package io.jenkins.plugins.registrysteps.engine.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.registrysteps.engine.registry.Descriptor;
import io.jenkins.plugins.registrysteps.engine.registry.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerCacheTest {

    private static final Digest DIFF_ID = Digest.sha256("layer".getBytes(StandardCharsets.UTF_8));
    private static final Descriptor BLOB = new Descriptor(SavedImagePusher.LAYER_MEDIA_TYPE,
            Digest.sha256("gzip".getBytes(StandardCharsets.UTF_8)), 1234);
    private static final Descriptor OTHER_BLOB = new Descriptor(SavedImagePusher.LAYER_MEDIA_TYPE,
            Digest.sha256("other gzip".getBytes(StandardCharsets.UTF_8)), 99);

    @TempDir
    Path dir;

    @Test
    void unknownLayerIsAbsent() {
        assertThat(LayerCache.at(dir).layer(DIFF_ID)).isEmpty();
    }

    @Test
    void layerIsRememberedAcrossInstancesWithItsRepositories() {
        LayerCache.at(dir).putLayer(DIFF_ID, BLOB, "gzip stored", "127.0.0.1:5000/a");
        LayerCache.at(dir).putLayer(DIFF_ID, BLOB, "gzip stored", "127.0.0.1:5000/b");

        LayerCache.CachedLayer known = LayerCache.at(dir).layer(DIFF_ID).orElseThrow();
        assertThat(known.blob()).isEqualTo(BLOB);
        assertThat(known.compression()).isEqualTo("gzip stored");
        assertThat(known.repositories()).containsExactlyInAnyOrder("127.0.0.1:5000/a", "127.0.0.1:5000/b");
    }

    @Test
    void anotherBlobForTheLayerForgetsTheOldRepositories() {
        LayerCache cache = LayerCache.at(dir);
        cache.putLayer(DIFF_ID, BLOB, "gzip level 1", "127.0.0.1:5000/a");
        cache.putLayer(DIFF_ID, OTHER_BLOB, "gzip level 6", "127.0.0.1:5000/b");

        assertThat(cache.layer(DIFF_ID).orElseThrow().repositories()).containsExactly("127.0.0.1:5000/b");
        assertThat(cache.layer(DIFF_ID).orElseThrow().blob()).isEqualTo(OTHER_BLOB);
    }

    @Test
    void damagedEntryIsAbsent() throws Exception {
        LayerCache cache = LayerCache.at(dir);
        cache.putLayer(DIFF_ID, BLOB, "gzip stored", "127.0.0.1:5000/a");
        try (var files = Files.list(dir.resolve("layers"))) {
            Files.writeString(files.findFirst().orElseThrow(), "{\"digest\": \"not a digest\"");
        }

        assertThat(cache.layer(DIFF_ID)).isEmpty();
    }

    @Test
    void configIsKeptByDigestAndCheckedWhenRead() throws Exception {
        byte[] config = "{\"architecture\":\"amd64\"}".getBytes(StandardCharsets.UTF_8);
        LayerCache cache = LayerCache.at(dir);
        cache.putConfig(config);
        assertThat(cache.config(Digest.sha256(config))).hasValue(config);

        try (var files = Files.list(dir.resolve("configs"))) {
            Files.writeString(files.findFirst().orElseThrow(), "{\"architecture\":\"arm64\"}");
        }
        assertThat(cache.config(Digest.sha256(config))).isEmpty();
    }

    @Test
    void unwritableCacheCostsNothingButTheShortcut() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        LayerCache cache = LayerCache.at(file);

        cache.putLayer(DIFF_ID, BLOB, "gzip stored", "127.0.0.1:5000/a");
        cache.putConfig(new byte[] {1});

        assertThat(cache.layer(DIFF_ID)).isEmpty();
    }

    @Test
    void standardPlaceFollowsXdgCacheHome() {
        LayerCache.at(dir.resolve("xdg").resolve("registry-steps")).putLayer(DIFF_ID, BLOB, "gzip stored", "r/a");

        assertThat(LayerCache.standard(Map.of("XDG_CACHE_HOME", dir.resolve("xdg").toString())).layer(DIFF_ID)).isPresent();
    }
}
