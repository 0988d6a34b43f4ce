package io.jenkins.plugins.registrysteps.engine.registry;

import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import java.util.List;

/** Adds tags to an image in its registry: the manifest is read once and written under each tag; no blob moves. */
public final class Retagger {

    private final RegistryClient client;

    public Retagger(RegistryClient client) {
        this.client = client;
    }

    public Digest retag(ImageReference image, List<String> tags) throws RegistryException {
        Manifest manifest = client.pullManifest(image);
        for (String tag : tags) {
            client.pushManifest(image.withTag(tag), manifest);
        }
        return manifest.digest();
    }
}
