package io.jenkins.plugins.registrysteps.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an image to a target with settings baked into its config (cmd, entrypoint, ports, env, labels, working dir,
 * user): a new config blob and manifest, the layers untouched and moved (or mounted) as a copy moves them.
 */
public final class ImageConfigRewriter {

    private static final int MAX_CONFIG_BYTES = 8 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryClient client;

    public ImageConfigRewriter(RegistryClient client) {
        this.client = client;
    }

    public CopyResult rewrite(ImageReference source, ImageReference target, ImageSettings settings) throws RegistryException {
        Manifest manifest = client.pullManifest(source);
        if (manifest.isIndex()) {
            throw new RegistryException("rewrite the config of " + source + ": it is a manifest list; name one platform's "
                    + "manifest by digest", 0);
        }
        try {
            List<Descriptor> references = manifest.references();
            Descriptor config = references.get(0);
            byte[] newConfig = rewriteConfig(client.pullBlob(source, config, MAX_CONFIG_BYTES), settings);
            Manifest rewritten = Manifest.of(withConfig(manifest.bytes(), Digest.sha256(newConfig), newConfig.length),
                    manifest.mediaType());
            CopyResult layers = new ImageCopier(client).copyBlobs(source, target, references.subList(1, references.size()), rewritten);
            client.pushBlob(target, newConfig);
            client.pushManifest(target, rewritten);
            return new CopyResult(rewritten.digest(), rewritten.mediaType(), layers.blobsSkipped(), layers.blobsMounted(),
                    layers.blobsUploaded() + 1, layers.bytesUploaded() + newConfig.length);
        } catch (IOException e) {
            throw e instanceof RegistryException registry ? registry
                    : new RegistryException("rewrite the config of " + source, e);
        }
    }

    static byte[] rewriteConfig(byte[] config, ImageSettings settings) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(config);
        ObjectNode container = root.has("config") && root.get("config").isObject() ? (ObjectNode) root.get("config")
                : root.putObject("config");
        if (settings.cmd() != null) {
            strings(container.putArray("Cmd"), settings.cmd());
        }
        if (settings.entrypoint() != null) {
            strings(container.putArray("Entrypoint"), settings.entrypoint());
        }
        if (!settings.ports().isEmpty()) {
            ObjectNode ports = container.has("ExposedPorts") && container.get("ExposedPorts").isObject()
                    ? (ObjectNode) container.get("ExposedPorts") : container.putObject("ExposedPorts");
            settings.ports().forEach(port -> ports.putObject(port.contains("/") ? port : port + "/tcp"));
        }
        if (!settings.env().isEmpty()) {
            Map<String, String> env = new LinkedHashMap<>();
            container.path("Env").forEach(entry -> {
                String text = entry.asText();
                int eq = text.indexOf('=');
                env.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? "" : text.substring(eq + 1));
            });
            env.putAll(settings.env());
            ArrayNode array = container.putArray("Env");
            env.forEach((name, value) -> array.add(name + "=" + value));
        }
        if (!settings.labels().isEmpty()) {
            ObjectNode labels = container.has("Labels") && container.get("Labels").isObject()
                    ? (ObjectNode) container.get("Labels") : container.putObject("Labels");
            settings.labels().forEach(labels::put);
        }
        if (settings.workingDir() != null) {
            container.put("WorkingDir", settings.workingDir());
        }
        if (settings.user() != null) {
            container.put("User", settings.user());
        }
        return JSON.writeValueAsBytes(root);
    }

    private static byte[] withConfig(byte[] manifest, Digest digest, long size) throws IOException {
        JsonNode root = JSON.readTree(manifest);
        ObjectNode config = (ObjectNode) root.get("config");
        config.put("digest", digest.toString()).put("size", size);
        return JSON.writeValueAsBytes(root);
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
