package io.jenkins.plugins.registrysteps.engine.registry;

import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactoryBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * A client of the Docker Registry HTTP API v2 / OCI distribution spec, for any number of registries. Manifests travel
 * as raw bytes; blobs stream from one registry to another without being held in memory, their digest checked on the
 * way. Requests go over blocking HTTP/1.1 connections kept in a pool (httpclient5's classic client): a blob's bytes
 * pass from one socket to the other on the copying thread, without an asynchronous pipeline in between.
 */
public final class RegistryClient implements Closeable {

    /** Above this a blob is uploaded in resumable chunks. */
    public static final long DEFAULT_CHUNK_SIZE = 64L * 1024 * 1024;
    private static final int CHUNK_RESUMES = 5;
    /** Connections per registry: a source and a target connection for each blob in flight, and room for the rest. */
    private static final int CONNECTIONS_PER_REGISTRY = 16;

    private final CloseableHttpClient http;
    private final RequestsInFlight requests;
    private final SSLContext tlsContext;
    private final CredentialSource credentials;
    private final Set<String> insecureRegistries;
    private final Map<String, RegistryConnection> connections = new ConcurrentHashMap<>();
    private final long chunkSize;

    private RegistryClient(CloseableHttpClient http, SSLContext tlsContext, CredentialSource credentials, Set<String> insecureRegistries, long chunkSize) {
        this(http, new RequestsInFlight(http), tlsContext, credentials, insecureRegistries, chunkSize);
    }

    private RegistryClient(CloseableHttpClient http, RequestsInFlight requests, SSLContext tlsContext, CredentialSource credentials,
            Set<String> insecureRegistries, long chunkSize) {
        this.http = http;
        this.requests = requests;
        this.tlsContext = tlsContext;
        this.credentials = credentials;
        this.insecureRegistries = insecureRegistries;
        this.chunkSize = chunkSize;
    }

    /**
     * This client with other logins (a step's), sharing its connections, plain-HTTP hosts and trusted CAs; closing
     * either closes the connections of both.
     */
    public RegistryClient withCredentials(CredentialSource source) {
        return new RegistryClient(http, requests, tlsContext, source, insecureRegistries, chunkSize);
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
            SSLContext tls = TrustedCertificates.context(caCertificates);
            CloseableHttpClient http = HttpClients.custom()
                    .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                            .setSSLSocketFactory(SSLConnectionSocketFactoryBuilder.create()
                                    .setSslContext(tls).build())
                            .setMaxConnPerRoute(CONNECTIONS_PER_REGISTRY)
                            .setMaxConnTotal(4 * CONNECTIONS_PER_REGISTRY)
                            .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.ofMinutes(10)).setTcpNoDelay(true).build())
                            .build())
                    .setDefaultRequestConfig(RequestConfig.custom()
                            .setConnectTimeout(30, TimeUnit.SECONDS)
                            .setResponseTimeout(10, TimeUnit.MINUTES).build())
                    .setRoutePlanner(new SystemDefaultRoutePlanner(ProxySelector.getDefault()))
                    .setUserAgent("registry-steps")
                    // redirects, retries and logins are the connection's own decisions; bytes pass unchanged
                    .disableRedirectHandling().disableAutomaticRetries().disableAuthCaching().disableCookieManagement()
                    .disableContentCompression()
                    .build();
            return new RegistryClient(http, tls, credentials, Set.copyOf(insecureRegistries), chunkSize);
        }
    }

    /** The manifest a tag or digest names, in whichever of the four kinds the registry holds. */
    public Manifest pullManifest(ImageReference image) throws RegistryException {
        String reference = reference(image);
        String action = "get manifest " + shown(image);
        HttpReply response = connection(image).send(
                RegistryConnection.Exchange.of(action, "GET", "/v2/" + image.path() + "/manifests/" + reference, Set.of(200),
                        List.of(pull(image))).withHeaders(Map.of("Accept", String.join(", ", Manifest.ACCEPTED))));
        byte[] bytes = readAll(response, action);
        String mediaType = response.header("Content-Type").map(t -> t.split(";")[0].strip()).orElse(Manifest.DOCKER_V2);
        Manifest manifest = Manifest.of(bytes, mediaType);
        if (image.digest() != null && !manifest.digest().toString().equals(image.digest())) {
            throw new RegistryException(action + ": the registry served content with digest " + manifest.digest(), 200);
        }
        return manifest;
    }

    /** The digest a tag points at now, without the manifest body; empty when the tag does not exist. */
    public Optional<Digest> manifestDigest(ImageReference image) throws RegistryException {
        String action = "check manifest " + shown(image);
        HttpReply response = connection(image).send(
                RegistryConnection.Exchange.of(action, "HEAD", "/v2/" + image.path() + "/manifests/" + reference(image),
                        Set.of(200, 404), List.of(pull(image))).withHeaders(Map.of("Accept", String.join(", ", Manifest.ACCEPTED))));
        response.discard();
        return response.status() == 404 ? Optional.empty()
                : response.header("Docker-Content-Digest").map(Digest::parse);
    }

    /** Stores the manifest bytes unchanged under the reference's tag (or digest). */
    public Digest pushManifest(ImageReference target, Manifest manifest) throws RegistryException {
        String action = "put manifest " + shown(target);
        HttpReply response = connection(target).send(
                RegistryConnection.Exchange.of(action, "PUT", "/v2/" + target.path() + "/manifests/" + reference(target),
                        Set.of(201, 200), List.of(push(target)))
                        .withHeaders(Map.of("Content-Type", manifest.mediaType()))
                        .withBody(RequestBody.of(manifest.bytes())));
        response.discard();
        return manifest.digest();
    }

    public boolean hasBlob(ImageReference repository, Digest digest) throws RegistryException {
        String action = "check blob " + digest + " in " + repository.repository();
        HttpReply response = connection(repository).send(
                RegistryConnection.Exchange.of(action, "HEAD", "/v2/" + repository.path() + "/blobs/" + digest, Set.of(200, 404),
                        List.of(pull(repository))));
        response.discard();
        return response.status() == 200;
    }

    /**
     * Asks the registry to link a blob from another repository of the same registry, moving no bytes.
     *
     * @return true when mounted; false when the registry wants it uploaded instead
     */
    public boolean mountBlob(ImageReference target, Digest digest, ImageReference from) throws RegistryException {
        String action = "mount blob " + digest + " from " + from.repository() + " into " + target.repository();
        HttpReply response = connection(target).send(
                RegistryConnection.Exchange.of(action, "POST", "/v2/" + target.path() + "/blobs/uploads/?mount=" + digest
                        + "&from=" + from.path(), Set.of(201, 202), List.of(push(target), pull(from))));
        response.discard();
        if (response.status() == 202) {
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
        HttpReply done = connection(target).send(
                RegistryConnection.Exchange.of(action, "PUT", null, Set.of(201), List.of(push(target))).at(put)
                        .withHeaders(Map.of("Content-Type", "application/octet-stream"))
                        .withBody(RequestBody.stream(() -> openBlob(source, blob), blob.size())));
        done.discard();
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
                HttpReply sent = connection(target).send(
                        RegistryConnection.Exchange.of(action + " (bytes " + first + "-" + last + ")", "PATCH", null, Set.of(202),
                                List.of(push(target))).at(location).notResent()
                                .withHeaders(Map.of("Content-Type", "application/octet-stream",
                                        "Content-Range", first + "-" + last))
                                .withBody(RequestBody.stream(() -> openRange(source, blob, first, last), last - first + 1)));
                sent.discard();
                location = location(sent, action);
                offset = last + 1;
            } catch (RegistryException e) {
                if (++resumes > CHUNK_RESUMES) {
                    throw e;
                }
                offset = uploadedSoFar(target, location, action);
            }
        }
        URI put = withDigest(location, blob.digest());
        connection(target).send(
                RegistryConnection.Exchange.of(action, "PUT", null, Set.of(201), List.of(push(target))).at(put)).discard();
    }

    /** Opens an upload session; its location is where the bytes go. */
    private URI startUpload(ImageReference target, String action) throws RegistryException {
        HttpReply started = connection(target).send(
                RegistryConnection.Exchange.of(action, "POST", "/v2/" + target.path() + "/blobs/uploads/", Set.of(202),
                        List.of(push(target))));
        started.discard();
        return location(started, action);
    }

    /** The request that closes an upload names the digest the registry must find. */
    private static URI withDigest(URI location, Digest digest) {
        return URI.create(location + (location.getQuery() == null ? "?" : "&") + "digest=" + digest);
    }

    /** How many bytes of an upload the registry holds: its {@code Range: 0-N} answer, N + 1. */
    private long uploadedSoFar(ImageReference target, URI location, String action) throws RegistryException {
        HttpReply status = connection(target).send(
                RegistryConnection.Exchange.of("ask how much of " + action + " arrived", "GET", null, Set.of(204),
                        List.of(push(target))).at(location));
        status.discard();
        return status.header("Range").map(range -> Long.parseLong(range.substring(range.indexOf('-') + 1)) + 1)
                .orElse(0L);
    }

    /** Bytes {@code first..last} of a blob, as one chunk's body. */
    private InputStream openRange(ImageReference source, Descriptor blob, long first, long last) throws IOException {
        String action = "get bytes " + first + "-" + last + " of blob " + blob.digest() + " from " + source.repository();
        HttpReply response = connection(source).send(
                RegistryConnection.Exchange.of(action, "GET", "/v2/" + source.path() + "/blobs/" + blob.digest(), Set.of(206),
                        List.of(pull(source))).withHeaders(Map.of("Range", "bytes=" + first + "-" + last)));
        return new ReplyStream(response);
    }

    /** A small blob (an image config) read whole, its digest checked. */
    public byte[] pullBlob(ImageReference source, Descriptor blob, int maxBytes) throws RegistryException {
        String action = "get blob " + blob.digest() + " from " + source.repository();
        if (blob.size() > maxBytes) {
            throw new RegistryException(action + ": " + blob.size() + " bytes is more than the " + maxBytes + " expected", 0);
        }
        try (InputStream in = openBlob(source, blob)) {
            return in.readAllBytes();
        } catch (RegistryException e) {
            throw e;
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
        connection(target).send(
                RegistryConnection.Exchange.of(action, "PUT", null, Set.of(201), List.of(push(target))).at(put)
                        .withHeaders(Map.of("Content-Type", "application/octet-stream"))
                        .withBody(RequestBody.of(bytes))).discard();
        return digest;
    }

    /**
     * Uploads a blob made while it is sent, its digest unknown in advance: POST, one PATCH in chunked transfer
     * encoding with the SHA-256 and size counted on the way, then PUT with that digest, which the registry checks.
     */
    public Descriptor pushBlob(ImageReference target, String mediaType, BlobContent content) throws RegistryException {
        String action = "push a blob of " + mediaType + " to " + target.repository();
        URI location = startUpload(target, action);
        CountingContent counted = new CountingContent(content);
        HttpReply sent = connection(target).send(
                RegistryConnection.Exchange.of(action, "PATCH", null, Set.of(202), List.of(push(target))).at(location)
                        .notResent().withHeaders(Map.of("Content-Type", "application/octet-stream"))
                        .withBody(RequestBody.produced(counted)));
        sent.discard();
        Descriptor blob = new Descriptor(mediaType, counted.digest, counted.size);
        connection(target).send(RegistryConnection.Exchange.of("push blob " + blob.digest() + " to " + target.repository(),
                "PUT", null, Set.of(201), List.of(push(target))).at(withDigest(location(sent, action), blob.digest()))).discard();
        return blob;
    }

    /** The blob's bytes, checked against its digest and size as they are read. */
    private InputStream openBlob(ImageReference source, Descriptor blob) throws IOException {
        String action = "get blob " + blob.digest() + " from " + source.repository();
        HttpReply response = connection(source).send(
                RegistryConnection.Exchange.of(action, "GET", "/v2/" + source.path() + "/blobs/" + blob.digest(), Set.of(200),
                        List.of(pull(source))));
        return new VerifyingStream(new ReplyStream(response), blob, action);
    }

    private void cancelUpload(ImageReference target, HttpReply started, String action) throws RegistryException {
        URI location = location(started, action);
        connection(target).send(RegistryConnection.Exchange.of("cancel upload to " + target.repository(),
                "DELETE", null, Set.of(204, 200, 404), List.of(push(target))).at(location)).discard();
    }

    /** Upload locations may be relative; they resolve against the request that returned them. */
    private static URI location(HttpReply response, String action) throws RegistryException {
        String location = response.header("Location")
                .orElseThrow(() -> new RegistryException(action + ": the registry gave no upload Location", response.status()));
        return response.uri().resolve(location);
    }

    private RegistryConnection connection(ImageReference image) {
        return connections.computeIfAbsent(image.registry(),
                registry -> new RegistryConnection(registry, credentials, requests, tlsContext,
                        insecureRegistries));
    }

    private static byte[] readAll(HttpReply response, String action) throws RegistryException {
        try (response; InputStream in = response.body()) {
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

    /**
     * Aborts the requests a thread has open, so that a copy being cancelled stops moving bytes at once: a thread
     * blocked on a socket does not notice an interrupt. Its calls fail with a {@link RegistryException}.
     */
    public void abortRequestsOf(Thread thread) {
        requests.abort(thread);
    }

    /**
     * Aborts every request this client and the clients made from it ({@link #withCredentials}) have open, and fails
     * every later one: for a run being cancelled, whose uploads must stop now rather than when they are done.
     */
    public void cancel() {
        requests.cancelAll();
    }

    /** Whether {@link #cancel()} was called on this client or one sharing its requests. */
    public boolean isCancelled() {
        return requests.cancelled();
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    /** An answer's body that releases the answer when closed, read to its end or not. */
    private static final class ReplyStream extends FilterInputStream {
        private final HttpReply reply;

        ReplyStream(HttpReply reply) throws IOException {
            super(reply.body());
            this.reply = reply;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                reply.close();
            }
        }
    }

    /** Content whose last complete writing left its digest and size behind. */
    private static final class CountingContent implements BlobContent {
        private final BlobContent content;
        private Digest digest;
        private long size;

        CountingContent(BlobContent content) {
            this.content = content;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            MessageDigest sha256 = Digest.sha256();
            long[] count = new long[1];
            content.writeTo(new FilterOutputStream(out) {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    sha256.update(bytes, offset, length);
                    count[0] += length;
                    out.write(bytes, offset, length);
                }
            });
            digest = new Digest("sha256", HexFormat.of().formatHex(sha256.digest()));
            size = count[0];
        }
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
