package io.jenkins.plugins.registrysteps.engine.registry;

/**
 * What a copy did: the digest now at the target, and per blob whether it was already there, mounted, or uploaded
 * (with the bytes that moved).
 */
public record CopyResult(Digest digest, String mediaType, int blobsSkipped, int blobsMounted, int blobsUploaded,
        long bytesUploaded) {
}
