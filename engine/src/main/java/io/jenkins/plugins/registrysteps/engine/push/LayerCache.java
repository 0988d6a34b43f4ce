package io.jenkins.plugins.registrysteps.engine.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.registrysteps.engine.registry.Descriptor;
import io.jenkins.plugins.registrysteps.engine.registry.Digest;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What earlier pushes learnt, kept on disk between runs: for a layer's diffID, the compressed blob made of it (digest,
 * size, how it was compressed) and the repositories that received it; and image configs by digest. With it a push asks
 * the registry about blobs it can name (HEAD, or a mount from another repository) instead of compressing a layer to
 * learn its digest. The cache only saves work: an entry that cannot be read or written is treated as absent, and the
 * registry's answers decide what is there.
 */
public final class LayerCache {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    private LayerCache(Path dir) {
        this.dir = dir;
    }

    /** A cache in the given folder, created when first written. */
    public static LayerCache at(Path dir) {
        return new LayerCache(dir);
    }

    /** {@code $XDG_CACHE_HOME/registry-steps}, else {@code ~/.cache/registry-steps}. */
    public static LayerCache standard(Map<String, String> environment) {
        String xdg = environment.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return at(base.resolve("registry-steps"));
    }

    /** A compressed blob of a layer: what it is, how it was made and which repositories have received it. */
    public record CachedLayer(Descriptor blob, String compression, Set<String> repositories) {

        public CachedLayer {
            repositories = Set.copyOf(repositories);
        }
    }

    public Optional<CachedLayer> layer(Digest diffId) {
        try {
            JsonNode node = JSON.readTree(layerFile(diffId).toFile());
            Set<String> repositories = new LinkedHashSet<>();
            node.path("repositories").forEach(r -> repositories.add(r.asText()));
            return Optional.of(new CachedLayer(new Descriptor(node.path("mediaType").asText(),
                    Digest.parse(node.path("digest").asText()), node.path("size").asLong()),
                    node.path("compression").asText(), repositories));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Records that {@code repository} (host/path) holds {@code blob}, made of the layer {@code diffId}. */
    public synchronized void putLayer(Digest diffId, Descriptor blob, String compression, String repository) {
        Set<String> repositories = new LinkedHashSet<>();
        layer(diffId).filter(known -> known.blob().equals(blob)).ifPresent(known -> repositories.addAll(known.repositories()));
        repositories.add(repository);
        ObjectNode node = JSON.createObjectNode()
                .put("mediaType", blob.mediaType())
                .put("digest", blob.digest().toString())
                .put("size", blob.size())
                .put("compression", compression);
        repositories.forEach(node.putArray("repositories")::add);
        try {
            write(layerFile(diffId), JSON.writeValueAsBytes(node));
        } catch (IOException e) {
            // a cache that cannot be written costs the next push a compression, nothing else
        }
    }

    /** The config with this digest, when an earlier push kept it (checked against the digest). */
    public Optional<byte[]> config(Digest digest) {
        try {
            byte[] bytes = Files.readAllBytes(dir.resolve("configs").resolve(digest.algorithm() + "-" + digest.hex()));
            return Digest.sha256(bytes).equals(digest) ? Optional.of(bytes) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public void putConfig(byte[] config) {
        Digest digest = Digest.sha256(config);
        try {
            write(dir.resolve("configs").resolve(digest.algorithm() + "-" + digest.hex()), config);
        } catch (IOException e) {
            // as for layers: only a later push's shortcut is lost
        }
    }

    private Path layerFile(Digest diffId) {
        return dir.resolve("layers").resolve(diffId.algorithm() + "-" + diffId.hex() + ".json");
    }

    /** Whole files only: written beside, then moved into place, so a reader never sees half an entry. */
    private static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "entry", ".tmp");
        try {
            Files.write(temp, bytes);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public String toString() {
        return "layer cache " + dir;
    }
}
