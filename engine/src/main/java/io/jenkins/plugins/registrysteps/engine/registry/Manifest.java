package io.jenkins.plugins.registrysteps.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A manifest exactly as the registry served it: raw bytes and media type. The bytes are never re-serialised, so a
 * copy keeps the digest.
 */
public record Manifest(byte[] bytes, String mediaType, Digest digest) {

    public static final String DOCKER_V2 = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    /** What a client accepts: the four kinds it can copy. */
    public static final List<String> ACCEPTED = List.of(OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_V2);

    private static final Set<String> INDEXES = Set.of(DOCKER_LIST, OCI_INDEX);
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Manifest of(byte[] bytes, String mediaType) {
        return new Manifest(bytes, mediaType, Digest.sha256(bytes));
    }

    /** True for a manifest list or OCI index, whose entries are manifests. */
    public boolean isIndex() {
        return INDEXES.contains(mediaType);
    }

    /** For an image manifest: the config blob, then the layers. For an index: the child manifests. */
    public List<Descriptor> references() throws IOException {
        JsonNode root = JSON.readTree(bytes);
        List<Descriptor> references = new ArrayList<>();
        if (isIndex()) {
            root.path("manifests").forEach(node -> references.add(descriptor(node)));
            return references;
        }
        if (root.has("config")) {
            references.add(descriptor(root.get("config")));
        }
        root.path("layers").forEach(node -> references.add(descriptor(node)));
        return references;
    }

    private static Descriptor descriptor(JsonNode node) {
        return new Descriptor(node.path("mediaType").asText(null), Digest.parse(node.path("digest").asText()),
                node.path("size").asLong());
    }
}
