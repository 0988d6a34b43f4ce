package io.jenkins.plugins.registrysteps.engine.registry;

import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client of the Docker Registry HTTP API v2 / OCI distribution spec, for any number of registries. Manifests travel
 * as raw bytes; blobs stream from one registry to another without being held in memory, their digest checked on the
 * way.
 */
public final class RegistryClient {

    /** Above this a blob is uploaded in resumable chunks. */
    public static final long DEFAULT_CHUNK_SIZE = 64L * 1024 * 1024;
    private static final int CHUNK_RESUMES = 5;

    private final HttpClient http;
    private final CredentialSource credentials;
    private final Set<String> insecureRegistries;
    private final Map<String, RegistryConnection> connections = new ConcurrentHashMap<>();
    private final long chunkSize;

    private RegistryClient(HttpClient http, CredentialSource credentials, Set<String> insecureRegistries, long chunkSize) {
        this.http = http;
        this.credentials = credentials;
        this.insecureRegistries = insecureRegistries;
        this.chunkSize = chunkSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of a client: logins, registries that may use plain HTTP, extra CA certificates. */
    public static final class Builder {
        private CredentialSource credentials = CredentialSource.none();
        private final Set<String> insecureRegistries = new HashSet<>();
        private final List<Path> caCertificates = new ArrayList<>();
        private long chunkSize = DEFAULT_CHUNK_SIZE;

        public Builder credentials(CredentialSource source) {
            credentials = source;
            return this;
        }

        /** A {@code host[:port]} that may be reached over plain HTTP (loopback hosts always may, as in Docker). */
        public Builder insecureRegistry(String registry) {
            insecureRegistries.add(registry);
            return this;
        }

        /** A PEM bundle of CA certificates trusted besides the system's. */
        public Builder caCertificate(Path pem) {
            caCertificates.add(pem);
            return this;
        }

        /** Blobs larger than this go up in chunks of this size, each resumable; smaller ones in one request. */
        public Builder chunkSize(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("a chunk of " + bytes + " bytes is too small");
            }
            chunkSize = bytes;
            return this;
        }

        public RegistryClient build() throws IOException {
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(30))
                    .sslContext(TrustedCertificates.context(caCertificates))
                    .build();
            return new RegistryClient(http, credentials, Set.copyOf(insecureRegistries), chunkSize);
        }
    }

    /** The manifest a tag or digest names, in whichever of the four kinds the registry holds. */
    public Manifest pullManifest(ImageReference image) throws RegistryException {
        String reference = reference(image);
        String action = "get manifest " + shown(image);
        HttpResponse<InputStream> response = connection(image).send(
                RegistryConnection.Exchange.of(action, "GET", "/v2/" + image.path() + "/manifests/" + reference, Set.of(200),
                        List.of(pull(image))).withHeaders(Map.of("Accept", String.join(", ", Manifest.ACCEPTED))));
        byte[] bytes = readAll(response, action);
        String mediaType = response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].strip()).orElse(Manifest.DOCKER_V2);
        Manifest manifest = Manifest.of(bytes, mediaType);
        if (image.digest() != null && !manifest.digest().toString().equals(image.digest())) {
            throw new RegistryException(action + ": the registry served content with digest " + manifest.digest(), 200);
        }
        return manifest;
    }

    /** The digest a tag points at now, without the manifest body; empty when the tag does not exist. */
    public Optional<Digest> manifestDigest(ImageReference image) throws RegistryException {
        String action = "check manifest " + shown(image);
        HttpResponse<InputStream> response = connection(image).send(
                RegistryConnection.Exchange.of(action, "HEAD", "/v2/" + image.path() + "/manifests/" + reference(image),
                        Set.of(200, 404), List.of(pull(image))).withHeaders(Map.of("Accept", String.join(", ", Manifest.ACCEPTED))));
        RegistryConnection.discard(response);
        return response.statusCode() == 404 ? Optional.empty()
                : response.headers().firstValue("Docker-Content-Digest").map(Digest::parse);
    }

    /** Stores the manifest bytes unchanged under the reference's tag (or digest). */
    public Digest pushManifest(ImageReference target, Manifest manifest) throws RegistryException {
        String action = "put manifest " + shown(target);
        HttpResponse<InputStream> response = connection(target).send(
                RegistryConnection.Exchange.of(action, "PUT", "/v2/" + target.path() + "/manifests/" + reference(target),
                        Set.of(201, 200), List.of(push(target)))
                        .withHeaders(Map.of("Content-Type", manifest.mediaType()))
                        .withBody(() -> HttpRequest.BodyPublishers.ofByteArray(manifest.bytes())));
        RegistryConnection.discard(response);
        return manifest.digest();
    }

    public boolean hasBlob(ImageReference repository, Digest digest) throws RegistryException {
        String action = "check blob " + digest + " in " + repository.repository();
        HttpResponse<InputStream> response = connection(repository).send(
                RegistryConnection.Exchange.of(action, "HEAD", "/v2/" + repository.path() + "/blobs/" + digest, Set.of(200, 404),
                        List.of(pull(repository))));
        RegistryConnection.discard(response);
        return response.statusCode() == 200;
    }

    /**
     * Asks the registry to link a blob from another repository of the same registry, moving no bytes.
     *
     * @return true when mounted; false when the registry wants it uploaded instead
     */
    public boolean mountBlob(ImageReference target, Digest digest, ImageReference from) throws RegistryException {
        String action = "mount blob " + digest + " from " + from.repository() + " into " + target.repository();
        HttpResponse<InputStream> response = connection(target).send(
                RegistryConnection.Exchange.of(action, "POST", "/v2/" + target.path() + "/blobs/uploads/?mount=" + digest
                        + "&from=" + from.path(), Set.of(201, 202), List.of(push(target), pull(from))));
        RegistryConnection.discard(response);
        if (response.statusCode() == 202) {
            cancelUpload(target, response, action);
            return false;
        }
        return true;
    }

    /**
     * Streams a blob from one repository (any registry) to another. A small blob goes in one request, its digest
     * checked on the way; a large one in chunks, resumed from what the registry holds when one fails, the digest
     * checked by the registry at the end.
     */
    public void copyBlob(ImageReference source, ImageReference target, Descriptor blob) throws RegistryException {
        if (blob.size() > chunkSize) {
            copyBlobInChunks(source, target, blob);
            return;
        }
        String action = "push blob " + blob.digest() + " to " + target.repository();
        URI location = startUpload(target, action);
        URI put = withDigest(location, blob.digest());
        HttpResponse<InputStream> done = connection(target).send(
                RegistryConnection.Exchange.of(action, "PUT", null, Set.of(201), List.of(push(target))).at(put)
                        .withHeaders(Map.of("Content-Type", "application/octet-stream"))
                        .withBody(() -> HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() -> openBlob(source, blob)), blob.size())));
        RegistryConnection.discard(done);
    }

    private void copyBlobInChunks(ImageReference source, ImageReference target, Descriptor blob) throws RegistryException {
        String action = "push blob " + blob.digest() + " to " + target.repository();
        URI location = startUpload(target, action);
        long offset = 0;
        int resumes = 0;
        while (offset < blob.size()) {
            long first = offset;
            long last = Math.min(offset + chunkSize, blob.size()) - 1;
            try {
                HttpResponse<InputStream> sent = connection(target).send(
                        RegistryConnection.Exchange.of(action + " (bytes " + first + "-" + last + ")", "PATCH", null, Set.of(202),
                                List.of(push(target))).at(location).notResent()
                                .withHeaders(Map.of("Content-Type", "application/octet-stream",
                                        "Content-Range", first + "-" + last))
                                .withBody(() -> HttpRequest.BodyPublishers.fromPublisher(
                                        HttpRequest.BodyPublishers.ofInputStream(() -> openRange(source, blob, first, last)),
                                        last - first + 1)));
                RegistryConnection.discard(sent);
                location = location(sent, action);
                offset = last + 1;
            } catch (RegistryException | UncheckedIOException e) {
                if (++resumes > CHUNK_RESUMES) {
                    throw e instanceof RegistryException registry ? registry : (RegistryException) e.getCause();
                }
                offset = uploadedSoFar(target, location, action);
            }
        }
        URI put = withDigest(location, blob.digest());
        RegistryConnection.discard(connection(target).send(
                RegistryConnection.Exchange.of(action, "PUT", null, Set.of(201), List.of(push(target))).at(put)));
    }

    /** Opens an upload session; its location is where the bytes go. */
    private URI startUpload(ImageReference target, String action) throws RegistryException {
        HttpResponse<InputStream> started = connection(target).send(
                RegistryConnection.Exchange.of(action, "POST", "/v2/" + target.path() + "/blobs/uploads/", Set.of(202),
                        List.of(push(target))));
        RegistryConnection.discard(started);
        return location(started, action);
    }

    /** The request that closes an upload names the digest the registry must find. */
    private static URI withDigest(URI location, Digest digest) {
        return URI.create(location + (location.getQuery() == null ? "?" : "&") + "digest=" + digest);
    }

    /** How many bytes of an upload the registry holds: its {@code Range: 0-N} answer, N + 1. */
    private long uploadedSoFar(ImageReference target, URI location, String action) throws RegistryException {
        HttpResponse<InputStream> status = connection(target).send(
                RegistryConnection.Exchange.of("ask how much of " + action + " arrived", "GET", null, Set.of(204),
                        List.of(push(target))).at(location));
        RegistryConnection.discard(status);
        return status.headers().firstValue("Range").map(range -> Long.parseLong(range.substring(range.indexOf('-') + 1)) + 1)
                .orElse(0L);
    }

    /** Bytes {@code first..last} of a blob, as one chunk's body. */
    private InputStream openRange(ImageReference source, Descriptor blob, long first, long last) {
        String action = "get bytes " + first + "-" + last + " of blob " + blob.digest() + " from " + source.repository();
        try {
            HttpResponse<InputStream> response = connection(source).send(
                    RegistryConnection.Exchange.of(action, "GET", "/v2/" + source.path() + "/blobs/" + blob.digest(), Set.of(206),
                            List.of(pull(source))).withHeaders(Map.of("Range", "bytes=" + first + "-" + last)));
            return response.body();
        } catch (RegistryException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small blob (an image config) read whole, its digest checked. */
    public byte[] pullBlob(ImageReference source, Descriptor blob, int maxBytes) throws RegistryException {
        String action = "get blob " + blob.digest() + " from " + source.repository();
        if (blob.size() > maxBytes) {
            throw new RegistryException(action + ": " + blob.size() + " bytes is more than the " + maxBytes + " expected", 0);
        }
        try (InputStream in = openBlob(source, blob)) {
            return in.readAllBytes();
        } catch (UncheckedIOException e) {
            throw (RegistryException) e.getCause();
        } catch (IOException e) {
            throw new RegistryException(action, e);
        }
    }

    /** Uploads bytes held in memory as one blob (POST, then PUT with the digest). */
    public Digest pushBlob(ImageReference target, byte[] bytes) throws RegistryException {
        Digest digest = Digest.sha256(bytes);
        String action = "push blob " + digest + " to " + target.repository();
        URI location = startUpload(target, action);
        URI put = withDigest(location, digest);
        RegistryConnection.discard(connection(target).send(
                RegistryConnection.Exchange.of(action, "PUT", null, Set.of(201), List.of(push(target))).at(put)
                        .withHeaders(Map.of("Content-Type", "application/octet-stream"))
                        .withBody(() -> HttpRequest.BodyPublishers.ofByteArray(bytes))));
        return digest;
    }

    /** The blob's bytes, checked against its digest and size as they are read. */
    private InputStream openBlob(ImageReference source, Descriptor blob) {
        String action = "get blob " + blob.digest() + " from " + source.repository();
        try {
            HttpResponse<InputStream> response = connection(source).send(
                    RegistryConnection.Exchange.of(action, "GET", "/v2/" + source.path() + "/blobs/" + blob.digest(), Set.of(200),
                            List.of(pull(source))));
            return new VerifyingStream(response.body(), blob, action);
        } catch (RegistryException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void cancelUpload(ImageReference target, HttpResponse<InputStream> started, String action) throws RegistryException {
        URI location = location(started, action);
        RegistryConnection.discard(connection(target).send(RegistryConnection.Exchange.of("cancel upload to " + target.repository(),
                "DELETE", null, Set.of(204, 200, 404), List.of(push(target))).at(location)));
    }

    /** Upload locations may be relative; they resolve against the request that returned them. */
    private static URI location(HttpResponse<?> response, String action) throws RegistryException {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new RegistryException(action + ": the registry gave no upload Location", response.statusCode()));
        return response.uri().resolve(location);
    }

    private RegistryConnection connection(ImageReference image) {
        return connections.computeIfAbsent(image.registry(),
                registry -> new RegistryConnection(registry, credentials.credentialFor(registry), http, insecureRegistries));
    }

    private static byte[] readAll(HttpResponse<InputStream> response, String action) throws RegistryException {
        try (InputStream in = response.body()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new RegistryException(action, e);
        }
    }

    private static String reference(ImageReference image) {
        return image.digest() != null ? image.digest() : image.tag() != null ? image.tag() : "latest";
    }

    /** {@code host/path:tag} or {@code host/path@digest}, as messages name what was asked for. */
    private static String shown(ImageReference image) {
        return image.repository() + (image.digest() != null ? "@" : ":") + reference(image);
    }

    static String pull(ImageReference image) {
        return "repository:" + image.path() + ":pull";
    }

    static String push(ImageReference image) {
        return "repository:" + image.path() + ":pull,push";
    }

    /** Fails the read that ends the stream when the bytes do not match the descriptor. */
    private static final class VerifyingStream extends FilterInputStream {
        private final Descriptor blob;
        private final String action;
        private final MessageDigest digest;
        private long count;
        private boolean checked;

        VerifyingStream(InputStream in, Descriptor blob, String action) {
            super(in);
            this.blob = blob;
            this.action = action;
            this.digest = blob.digest().newMessageDigest();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                digest.update(buffer, offset, n);
                count += n;
            } else if (n < 0 && !checked) {
                checked = true;
                String actual = blob.digest().algorithm() + ":" + HexFormat.of().formatHex(digest.digest());
                if (!actual.equals(blob.digest().toString()) || count != blob.size()) {
                    throw new IOException(action + ": got " + count + " bytes with digest " + actual + ", expected "
                            + blob.size() + " bytes with " + blob.digest());
                }
            }
            return n;
        }
    }
}
