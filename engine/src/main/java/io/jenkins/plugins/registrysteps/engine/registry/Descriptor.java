package io.jenkins.plugins.registrysteps.engine.registry;

/** What a manifest says of content it references: media type, digest and size. */
public record Descriptor(String mediaType, Digest digest, long size) {
}
