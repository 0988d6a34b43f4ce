package io.jenkins.plugins.registrysteps.engine.registry;

import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import java.io.IOException;

/**
 * The size of an image in a registry, as {@code docker manifest inspect} would add it up: the config and layers its
 * manifest names; for a manifest list or index, the sum over every platform's image (one more request each).
 */
public final class ImageSize {

    private ImageSize() {
    }

    /** The bytes of the image {@code image} (tag or digest) names, in its compressed form as stored. */
    public static long of(RegistryClient client, ImageReference image) throws IOException {
        Manifest manifest = client.pullManifest(image);
        long size = 0;
        for (Descriptor reference : manifest.references()) {
            size += manifest.isIndex()
                    ? of(client, new ImageReference(image.registry(), image.path(), null, reference.digest().toString()))
                    : reference.size();
        }
        return size;
    }
}
