package io.jenkins.plugins.registrysteps.engine.push;

import io.jenkins.plugins.registrysteps.engine.registry.Digest;

/**
 * What a push did: the manifest digest now under every tag, the image's size in the registry (config and compressed
 * layers), whether the daemon pushed it, and per distinct layer whether it was uploaded (with the bytes that moved),
 * found present or mounted from another repository.
 */
public record PushResult(Digest digest, long size, boolean throughDaemon, int layersUploaded, int layersPresent,
        int layersMounted, long bytesUploaded) {
}
