package io.jenkins.plugins.registrysteps.engine.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.registrysteps.engine.registry.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads the tar that {@code docker save} writes, as it streams, in both layouts the daemon produces: the legacy one
 * ({@code manifest.json}, {@code <config hex>.json}, {@code <id>/layer.tar}) and the OCI layout of Docker 25 and later
 * ({@code index.json}, {@code blobs/sha256/<hex>}, and the same {@code manifest.json}). Each layer wanted is written to
 * a file of its own and handed on as soon as it is complete, so it can go up while the next one is read; its diffID is
 * the SHA-256 of its bytes, checked on the way. The config is kept in memory, its digest checked.
 */
final class ImageArchive {

    static final int MAX_CONFIG_BYTES = 8 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COPY_BUFFER = 1024 * 1024;
    private static final String LEGACY_LAYER = "/layer.tar";
    private static final String OCI_BLOBS = "blobs/sha256/";

    /** Receives each wanted layer once, as a file the receiver deletes when done with it. */
    @FunctionalInterface
    interface LayerHandler {
        void layer(Digest diffId, Path file) throws IOException;
    }

    /** The image's config bytes and which layout the save used ({@code legacy} or {@code oci}). */
    record Contents(byte[] config, String layout) {
    }

    private final Digest configDigest;
    private final Set<Digest> wanted;
    private final Spool spool;
    private final LayerHandler handler;
    private final Set<Digest> delivered = new HashSet<>();
    private byte[] config;
    private JsonNode manifest;
    private boolean ociIndex;

    private ImageArchive(Digest configDigest, Set<Digest> wanted, Spool spool, LayerHandler handler) {
        this.configDigest = configDigest;
        this.wanted = Set.copyOf(wanted);
        this.spool = spool;
        this.handler = handler;
    }

    /**
     * Reads a saved image to its end.
     *
     * @param configDigest the image's id: its config is the entry with this digest
     * @param wanted the diffIDs of the layers to hand on; the others are read past
     * @param spool where layer files go
     * @throws UnsupportedImageException when the tar is not a save of that image in a layout known here
     */
    static Contents read(InputStream tar, Digest configDigest, Set<Digest> wanted, Spool spool, LayerHandler handler)
            throws IOException {
        return new ImageArchive(configDigest, wanted, spool, handler).read(tar);
    }

    private Contents read(InputStream in) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        for (TarArchiveEntry entry; (entry = tar.getNextTarEntry()) != null; ) {
            if (entry.isFile()) {
                String name = entry.getName();
                entry(name.startsWith("./") ? name.substring(2) : name, entry.getSize(), tar);
            }
        }
        return contents();
    }

    private void entry(String name, long size, InputStream body) throws IOException {
        String hex = name.startsWith(OCI_BLOBS) ? name.substring(OCI_BLOBS.length()) : null;
        if (name.equals("manifest.json")) {
            manifest = JSON.readTree(body.readNBytes(MAX_CONFIG_BYTES));
        } else if (name.equals("index.json")) {
            ociIndex = true;
        } else if (name.equals(configDigest.hex() + ".json") || configDigest.hex().equals(hex)) {
            config = config(name, size, body);
        } else if (name.endsWith(LEGACY_LAYER) && name.indexOf('/') == name.length() - LEGACY_LAYER.length()) {
            spool(name, size, body, null);
        } else if (hex != null && wanted.contains(new Digest("sha256", hex)) && !delivered.contains(new Digest("sha256", hex))) {
            spool(name, size, body, new Digest("sha256", hex));
        }
    }

    private byte[] config(String name, long size, InputStream body) throws IOException {
        if (size > MAX_CONFIG_BYTES) {
            throw new UnsupportedImageException("the image config " + name + " is " + size + " bytes, more than "
                    + MAX_CONFIG_BYTES);
        }
        byte[] bytes = body.readAllBytes();
        if (!Digest.sha256(bytes).equals(configDigest)) {
            throw new UnsupportedImageException("the saved config " + name + " does not have the image's digest " + configDigest);
        }
        return bytes;
    }

    /** Writes a layer to its own file, hashing it on the way; hands it on when it is one of the wanted ones. */
    private void spool(String name, long size, InputStream body, Digest expected) throws IOException {
        Path file = spool.file(size);
        MessageDigest sha256 = sha256();
        try (OutputStream out = Files.newOutputStream(file)) {
            // large pieces: a read and a write system call per MiB rather than per 8 KiB
            byte[] buffer = new byte[COPY_BUFFER];
            for (int n; (n = body.readNBytes(buffer, 0, buffer.length)) > 0; ) {
                sha256.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        Digest diffId = new Digest("sha256", HexFormat.of().formatHex(sha256.digest()));
        if (expected != null && !expected.equals(diffId)) {
            Files.delete(file);
            throw new UnsupportedImageException("the saved layer " + name + " has digest " + diffId);
        }
        if (!wanted.contains(diffId) || !delivered.add(diffId)) {
            Files.delete(file);
            return;
        }
        handler.layer(diffId, file);
    }

    private Contents contents() throws UnsupportedImageException {
        if (manifest == null || !manifest.isArray()) {
            throw new UnsupportedImageException("the save holds no manifest.json: not a layout known here");
        }
        for (JsonNode image : manifest) {
            if (image.hasNonNull("LayerSources") && !image.get("LayerSources").isEmpty()) {
                throw new UnsupportedImageException("the image has foreign layers (LayerSources)");
            }
        }
        if (config == null) {
            throw new UnsupportedImageException("the save holds no config with the image's digest " + configDigest);
        }
        Set<Digest> missing = new HashSet<>(wanted);
        missing.removeAll(delivered);
        if (!missing.isEmpty()) {
            throw new UnsupportedImageException("the save holds no layer with diffID " + missing.iterator().next()
                    + " (compressed layers are not read here)");
        }
        return new Contents(config, ociIndex ? "oci" : "legacy");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
