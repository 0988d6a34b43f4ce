package io.jenkins.plugins.registrysteps.engine.rig;

import io.jenkins.plugins.registrysteps.engine.local.LocalRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A running CNCF distribution server ({@code docker-registry}) on 127.0.0.1, storage in the rig's folder.
 * Plain HTTP without auth by default; {@link Builder} adds htpasswd or token auth and TLS, alone or together.
 */
public final class RigRegistry implements AutoCloseable {

    /** The realm of an htpasswd registry's {@code WWW-Authenticate: Basic} challenge. */
    public static final String HTPASSWD_REALM = "rig-registry";

    private final LocalRegistry server;
    private final Path dir;
    private final RigCa ca; // null for plain HTTP
    private final Consumer<RigRegistry> onClose;
    private boolean closed;

    private RigRegistry(LocalRegistry server, Path dir, RigCa ca, Consumer<RigRegistry> onClose) {
        this.server = server;
        this.dir = dir;
        this.ca = ca;
        this.onClose = onClose;
    }

    /** "127.0.0.1:PORT", the form image references and docker login use. */
    public String host() {
        return server.host();
    }

    public int port() {
        return server.port();
    }

    /** "http://127.0.0.1:PORT", or "https://..." with {@link Builder#tls()}; without a trailing slash. */
    public URI url() {
        return server.url();
    }

    /** The PEM certificate of the CA that signed this registry's certificate (for 127.0.0.1 and localhost). */
    public Path caCertificate() {
        if (ca == null) {
            throw new IllegalStateException(this + " serves plain HTTP: there is no CA to trust");
        }
        return ca.certificate();
    }

    /** The folder holding this registry's config, storage and logs. */
    public Path dir() {
        return dir;
    }

    /**
     * The access log so far, one request a line in Apache combined format
     * ({@code 127.0.0.1 - - [date] "GET /v2/ HTTP/1.1" 200 2 "" "agent"}).
     * A line is written just after its response, so a client may see the answer a moment before the line.
     */
    public List<String> accessLog() {
        try {
            return new String(Files.readAllBytes(dir.resolve("access.log")), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The registry's own (application) log, for diagnosing failures. */
    public Path log() {
        return server.process().log();
    }

    /** Stops this registry now (it is otherwise stopped with the rig); idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.close();
        onClose.accept(this);
    }

    @Override
    public String toString() {
        return server.toString();
    }

    /** Options for a registry; obtain one from {@link Rig#registry()}. */
    public static final class Builder {

        private final Path parent;
        private final Consumer<RigRegistry> onStart;
        private final Consumer<RigRegistry> onClose;
        private final Supplier<RigCa> rigCa;
        private String name = "registry";
        private boolean deleteEnabled = true;
        private final Map<String, String> htpasswd = new LinkedHashMap<>();
        private RigTokenIssuer tokenIssuer;
        private boolean tls;

        Builder(Path parent, Supplier<RigCa> rigCa, Consumer<RigRegistry> onStart, Consumer<RigRegistry> onClose) {
            this.parent = parent;
            this.rigCa = rigCa;
            this.onStart = onStart;
            this.onClose = onClose;
        }

        /** A name for its folder and messages (default "registry"); a unique suffix is added. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Whether DELETE of manifests and blobs is allowed (default true). */
        public Builder deleteEnabled(boolean deleteEnabled) {
            this.deleteEnabled = deleteEnabled;
            return this;
        }

        /**
         * Basic auth against an htpasswd file (bcrypt) holding this user; may be called for several users.
         * The challenge is {@code Basic realm="}{@value RigRegistry#HTPASSWD_REALM}{@code "}.
         */
        public Builder htpasswd(String user, String password) {
            if (user.isEmpty() || user.contains(":")) {
                throw new IllegalArgumentException("an htpasswd user must be non-empty and free of ':'");
            }
            htpasswd.put(user, password);
            return this;
        }

        /**
         * Bearer-token auth: the registry sends clients to {@code issuer}'s realm with {@code service} set to
         * {@link RigRegistry#host()}, and trusts tokens signed by the issuer's key. One issuer may serve several registries.
         */
        public Builder tokenAuth(RigTokenIssuer issuer) {
            this.tokenIssuer = issuer;
            return this;
        }

        /**
         * HTTPS only, with a certificate for 127.0.0.1 and localhost from the rig's CA: {@link RigRegistry#caCertificate()}.
         * The rig's docker pushes there without that CA: dockerd counts 127.0.0.0/8 as an insecure registry, so it
         * speaks TLS without verifying (it would read a CA only from /etc/docker/certs.d, which the rig leaves alone).
         */
        public Builder tls() {
            this.tls = true;
            return this;
        }

        public RigRegistry start() {
            if (!htpasswd.isEmpty() && tokenIssuer != null) {
                throw new IllegalStateException("distribution takes one auth method: htpasswd or token, not both");
            }
            Path dir;
            try {
                dir = Files.createTempDirectory(parent, name + "-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            RigCa ca = tls ? rigCa.get() : null;
            String tlsSection = ca == null ? "" : tlsSection(dir, ca);
            Path htpasswdFile = htpasswd.isEmpty() ? null : HtpasswdFile.write(dir.resolve("htpasswd"), htpasswd);
            LocalRegistry server = LocalRegistry.start(dir, name, deleteEnabled,
                    port -> tlsSection + authSection(port, htpasswdFile), ca == null ? null : ca.clientContext());
            RigRegistry registry = new RigRegistry(server, dir, ca, onClose);
            onStart.accept(registry);
            return registry;
        }

        /** The top-level auth section; the token service is the registry's host, so it names the port. */
        private String authSection(int port, Path htpasswdFile) {
            if (htpasswdFile != null) {
                return """
                        auth:
                          htpasswd:
                            realm: %s
                            path: %s
                        """.formatted(HTPASSWD_REALM, htpasswdFile);
            }
            if (tokenIssuer != null) {
                return """
                        auth:
                          token:
                            realm: %s
                            service: 127.0.0.1:%d
                            issuer: %s
                            rootcertbundle: %s
                        """.formatted(tokenIssuer.realm(), port, RigTokenIssuer.ISSUER, tokenIssuer.certificate());
            }
            return "";
        }

        /** Indented to continue the {@code http:} section, which {@link #config} ends with. */
        private static String tlsSection(Path dir, RigCa ca) {
            CertifiedKey server = ca.issueServerCertificate("rig registry");
            return """
                      tls:
                        certificate: %s
                        key: %s
                    """.formatted(server.writeCertificate(dir.resolve("tls.crt")), server.writeKey(dir.resolve("tls.key")));
        }

    }
}
