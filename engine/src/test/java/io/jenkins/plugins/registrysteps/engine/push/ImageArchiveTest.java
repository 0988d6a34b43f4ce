package io.jenkins.plugins.registrysteps.engine.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.registrysteps.engine.registry.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageArchiveTest {

    private static final byte[] LAYER_A = "first layer tar".getBytes(StandardCharsets.UTF_8);
    private static final byte[] LAYER_B = "second layer tar".getBytes(StandardCharsets.UTF_8);
    private static final Digest A = Digest.sha256(LAYER_A);
    private static final Digest B = Digest.sha256(LAYER_B);
    private static final byte[] CONFIG = ("{\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + A + "\",\"" + B
            + "\",\"" + A + "\"]}}").getBytes(StandardCharsets.UTF_8);
    private static final Digest CONFIG_DIGEST = Digest.sha256(CONFIG);

    @TempDir
    Path spool;
    private final Map<Digest, byte[]> received = new LinkedHashMap<>();

    /** A tar as docker save before Docker 25 writes it; the third layer repeats the first as a symlink. */
    private static byte[] legacy(String manifest) throws IOException {
        Tar tar = new Tar();
        tar.dir("1111/").file("1111/VERSION", "1.0").file("1111/layer.tar", LAYER_A);
        tar.dir("2222/").file("2222/layer.tar", LAYER_B);
        tar.dir("3333/").symlink("3333/layer.tar", "../1111/layer.tar");
        tar.file(CONFIG_DIGEST.hex() + ".json", CONFIG);
        tar.file("manifest.json", manifest);
        tar.file("repositories", "{}");
        return tar.bytes();
    }

    private static String legacyManifest() {
        return "[{\"Config\":\"" + CONFIG_DIGEST.hex() + ".json\",\"RepoTags\":[\"app:1\"],"
                + "\"Layers\":[\"1111/layer.tar\",\"2222/layer.tar\",\"3333/layer.tar\"]}]";
    }

    /** A tar in the OCI layout of Docker 25 and later, with docker's manifest.json beside index.json. */
    private static byte[] oci(byte[] layerB) throws IOException {
        String blobs = "blobs/sha256/";
        return new Tar().dir("blobs/").dir(blobs)
                .file(blobs + A.hex(), LAYER_A).file(blobs + B.hex(), layerB).file(blobs + CONFIG_DIGEST.hex(), CONFIG)
                .file("index.json", "{\"schemaVersion\":2,\"manifests\":[]}")
                .file("manifest.json", "[{\"Config\":\"" + blobs + CONFIG_DIGEST.hex() + "\",\"Layers\":[\"" + blobs + A.hex()
                        + "\",\"" + blobs + B.hex() + "\",\"" + blobs + A.hex() + "\"]}]")
                .file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}")
                .bytes();
    }

    private ImageArchive.Contents read(byte[] tar, Set<Digest> wanted) throws IOException {
        return ImageArchive.read(new ByteArrayInputStream(tar), CONFIG_DIGEST, wanted, Spool.of(spool, null, null), (diffId, file) -> {
            received.put(diffId, Files.readAllBytes(file));
            Files.delete(file);
        });
    }

    @Test
    void legacyLayoutHandsOnEachWantedLayerOnceWithItsBytes() throws IOException {
        ImageArchive.Contents contents = read(legacy(legacyManifest()), Set.of(A, B));

        assertThat(contents.layout()).isEqualTo("legacy");
        assertThat(contents.config()).isEqualTo(CONFIG);
        assertThat(received.keySet()).containsExactly(A, B);
        assertThat(received.get(A)).isEqualTo(LAYER_A);
        assertThat(received.get(B)).isEqualTo(LAYER_B);
    }

    @Test
    void layersNotWantedAreReadPastAndLeaveNoFile() throws IOException {
        read(legacy(legacyManifest()), Set.of(B));

        assertThat(received.keySet()).containsExactly(B);
        try (var left = Files.walk(spool)) {
            assertThat(left.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void ociLayoutIsReadByBlobName() throws IOException {
        ImageArchive.Contents contents = read(oci(LAYER_B), Set.of(A, B));

        assertThat(contents.layout()).isEqualTo("oci");
        assertThat(contents.config()).isEqualTo(CONFIG);
        assertThat(received.keySet()).containsExactlyInAnyOrder(A, B);
        assertThat(received.get(B)).isEqualTo(LAYER_B);
    }

    @Test
    void namesMayStartWithDotSlash() throws IOException {
        byte[] tar = new Tar().file("./1111/layer.tar", LAYER_A).file("./" + CONFIG_DIGEST.hex() + ".json", CONFIG)
                .file("./manifest.json", legacyManifest()).bytes();

        assertThat(read(tar, Set.of(A)).config()).isEqualTo(CONFIG);
        assertThat(received.keySet()).containsExactly(A);
    }

    @Test
    void ociBlobWhoseBytesDoNotMatchItsNameIsRefused() {
        assertThatThrownBy(() -> read(oci("tampered".getBytes(StandardCharsets.UTF_8)), Set.of(A, B)))
                .isInstanceOf(UnsupportedImageException.class)
                .hasMessageStartingWith("the saved layer blobs/sha256/" + B.hex() + " has digest ");
    }

    @Test
    void saveWithoutManifestIsNotALayoutKnownHere() throws IOException {
        byte[] tar = new Tar().file("1111/layer.tar", LAYER_A).file(CONFIG_DIGEST.hex() + ".json", CONFIG).bytes();

        assertThatThrownBy(() -> read(tar, Set.of(A)))
                .isInstanceOf(UnsupportedImageException.class)
                .hasMessage("the save holds no manifest.json: not a layout known here");
    }

    @Test
    void saveOfAnotherImageHasNoConfigWithTheDigest() throws IOException {
        byte[] tar = new Tar().file("1111/layer.tar", LAYER_A).file("manifest.json", legacyManifest()).bytes();

        assertThatThrownBy(() -> read(tar, Set.of(A)))
                .isInstanceOf(UnsupportedImageException.class)
                .hasMessage("the save holds no config with the image's digest " + CONFIG_DIGEST);
    }

    @Test
    void wantedLayerMissingFromTheSaveIsNamed() throws IOException {
        Digest absent = Digest.sha256("compressed elsewhere".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> read(legacy(legacyManifest()), Set.of(A, absent)))
                .isInstanceOf(UnsupportedImageException.class)
                .hasMessageStartingWith("the save holds no layer with diffID " + absent);
    }

    @Test
    void foreignLayersAreLeftToTheDaemon() throws IOException {
        String manifest = legacyManifest().replace("]}]", "],\"LayerSources\":{\"" + A + "\":{\"mediaType\":"
                + "\"application/vnd.docker.image.rootfs.foreign.diff.tar.gzip\",\"size\":1,\"digest\":\"" + A + "\"}}}]");

        assertThatThrownBy(() -> read(legacy(manifest), Set.of(A, B)))
                .isInstanceOf(UnsupportedImageException.class)
                .hasMessage("the image has foreign layers (LayerSources)");
    }

    /** Builds a tar in memory, as the daemon would stream it. */
    private static final class Tar {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final TarArchiveOutputStream out = new TarArchiveOutputStream(bytes);

        Tar dir(String name) throws IOException {
            out.putArchiveEntry(new TarArchiveEntry(name));
            out.closeArchiveEntry();
            return this;
        }

        Tar file(String name, String content) throws IOException {
            return file(name, content.getBytes(StandardCharsets.UTF_8));
        }

        Tar file(String name, byte[] content) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(content.length);
            out.putArchiveEntry(entry);
            out.write(content);
            out.closeArchiveEntry();
            return this;
        }

        Tar symlink(String name, String target) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
            entry.setLinkName(target);
            out.putArchiveEntry(entry);
            out.closeArchiveEntry();
            return this;
        }

        byte[] bytes() throws IOException {
            out.close();
            return bytes.toByteArray();
        }
    }
}
