package io.jenkins.plugins.registrysteps.engine.rig;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A Docker token-auth server (the {@code realm} of a {@code Bearer} challenge) on 127.0.0.1, for registries started
 * with {@link RigRegistry.Builder#tokenAuth(RigTokenIssuer)}. {@code GET /token?service=S&scope=repository:NAME:pull,push}
 * with optional Basic credentials answers {@code {"token", "access_token", "expires_in", "issued_at"}}.
 * Configured users get every action they ask for; anonymous callers get {@code pull} only with
 * {@link Builder#anonymousPull()}, otherwise a token without access; a wrong password gets 401. {@code POST /token}
 * takes the OAuth refresh-token grant the docker CLI and daemon send for an identity token
 * ({@code grant_type=refresh_token&refresh_token=T&service=S&scope=A B}), for tokens given with
 * {@link Builder#refreshToken(String, String)}; an unknown one gets 401.
 */
public final class RigTokenIssuer implements AutoCloseable {

    /** The {@code iss} claim of every token, and the {@code issuer} the registries are configured to trust. */
    public static final String ISSUER = "rig-token-issuer";
    /** The realm of the issuer's own {@code WWW-Authenticate: Basic} answer to bad credentials. */
    public static final String BASIC_REALM = "rig-token-issuer";

    /** One request to the issuer: who asked ("" when anonymous; the claimed name when the password was wrong), for what. */
    public record Request(String user, String service, List<String> scopes, int status) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final URI realm;
    private final Path certificate;
    private final Path caCertificate;
    private final TokenSigner signer;
    private final Map<String, String> passwords;
    private final Map<String, String> refreshTokens;
    private final boolean anonymousPull;
    private final Duration lifetime;
    private final Consumer<RigTokenIssuer> onClose;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private boolean closed;

    private RigTokenIssuer(Builder options, Path dir, HttpServer server, String scheme, Path caCertificate) {
        CertifiedKey signingKey = CertifiedKey.selfSigned("rig token signing");
        this.server = server;
        this.realm = URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/token");
        this.certificate = signingKey.writeCertificate(dir.resolve("token-signing.crt"));
        this.caCertificate = caCertificate;
        this.signer = new TokenSigner(signingKey, ISSUER);
        this.passwords = Map.copyOf(options.passwords);
        this.refreshTokens = Map.copyOf(options.refreshTokens);
        this.anonymousPull = options.anonymousPull;
        this.lifetime = options.lifetime;
        this.onClose = options.onClose;
        server.createContext("/token", this::handle);
    }

    /** The token endpoint, e.g. {@code http://127.0.0.1:PORT/token}: the {@code realm} registries send clients to. */
    public URI realm() {
        return realm;
    }

    /** The PEM certificate of the token-signing key: the registry's {@code rootcertbundle}. */
    public Path certificate() {
        return certificate;
    }

    /** The CA to trust for an https realm ({@link Builder#tls()}); throws for a plain-HTTP issuer. */
    public Path caCertificate() {
        if (caCertificate == null) {
            throw new IllegalStateException(this + " serves plain HTTP: there is no CA to trust");
        }
        return caCertificate;
    }

    /** {@code expires_in} of every token, and the span between its {@code iat} and {@code exp}. */
    public Duration tokenLifetime() {
        return lifetime;
    }

    /** Every request so far, oldest first, failed ones included: tests count these to prove token caching. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean post = "POST".equals(exchange.getRequestMethod());
            if (!post && !"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, POST");
                respond(exchange, 405, error("UNSUPPORTED", "only GET and POST are supported"));
                return;
            }
            Map<String, List<String>> query = query(post
                    ? new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    : exchange.getRequestURI().getRawQuery());
            String service = query.getOrDefault("service", List.of("")).get(0);
            List<String> scopes = query.getOrDefault("scope", List.of()).stream()
                    .flatMap(s -> Arrays.stream(s.split(" "))).filter(s -> !s.isEmpty()).toList();
            String user = post ? refreshGrantUser(query) : basicUser(exchange.getRequestHeaders().getFirst("Authorization"));
            if (user == null) {
                requests.add(new Request(post ? "" : claimedUser(exchange), service, scopes, 401));
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + BASIC_REALM + "\"");
                respond(exchange, 401, error("UNAUTHORIZED", post ? "invalid refresh token" : "incorrect username or password"));
                return;
            }
            if (service.isEmpty()) {
                requests.add(new Request(user, service, scopes, 400));
                respond(exchange, 400, error("INVALID_REQUEST", "the service parameter is missing"));
                return;
            }
            List<TokenSigner.Access> granted = new ArrayList<>();
            for (String scope : scopes) {
                TokenSigner.Access access = grant(user, scope);
                if (access == null) {
                    requests.add(new Request(user, service, scopes, 400));
                    respond(exchange, 400, error("INVALID_REQUEST", "malformed scope: " + scope));
                    return;
                }
                if (!access.actions().isEmpty()) {
                    granted.add(access);
                }
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String token = signer.sign(user, service, now, now.plus(lifetime), granted);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("token", token);
            body.put("access_token", token);
            body.put("expires_in", lifetime.toSeconds());
            body.put("issued_at", now.toString());
            requests.add(new Request(user, service, scopes, 200));
            respond(exchange, 200, JSON.writeValueAsBytes(body));
        }
    }

    /** The user a Basic header proves ("" without one); null when the header is malformed or the password wrong. */
    private String basicUser(String authorization) {
        if (authorization == null) {
            return "";
        }
        String[] credentials = basicCredentials(authorization);
        return credentials != null && credentials[1].equals(passwords.get(credentials[0])) ? credentials[0] : null;
    }

    private static String claimedUser(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String[] credentials = authorization == null ? null : basicCredentials(authorization);
        return credentials == null ? "" : credentials[0];
    }

    /** The user a refresh-token grant stands for; null for another grant or an unknown token. */
    private String refreshGrantUser(Map<String, List<String>> form) {
        if (!List.of("refresh_token").equals(form.get("grant_type"))) {
            return null;
        }
        return refreshTokens.get(form.getOrDefault("refresh_token", List.of("")).get(0));
    }

    /** The access a scope {@code TYPE:NAME:ACTIONS} earns; null when malformed. Names may hold colons, actions not. */
    private TokenSigner.Access grant(String user, String scope) {
        int first = scope.indexOf(':');
        int last = scope.lastIndexOf(':');
        if (first <= 0 || last == first || last == first + 1) {
            return null;
        }
        String type = scope.substring(0, first);
        List<String> asked = Arrays.stream(scope.substring(last + 1).split(",")).filter(a -> !a.isEmpty()).toList();
        List<String> actions;
        if (!user.isEmpty()) {
            actions = asked;
        } else if (anonymousPull && type.equals("repository")) {
            actions = asked.stream().filter("pull"::equals).toList();
        } else {
            actions = List.of();
        }
        return new TokenSigner.Access(type, scope.substring(first + 1, last), actions);
    }

    /** {user, password} from a Basic header; null for any other scheme or a malformed value. */
    private static String[] basicCredentials(String authorization) {
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static byte[] error(String code, String message) throws IOException {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        return JSON.writeValueAsBytes(Map.of("errors", List.of(error)));
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** Stops the server now (it is otherwise stopped with the rig); idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        onClose.accept(this);
    }

    @Override
    public String toString() {
        return "token issuer at " + realm;
    }

    /** Options for a token issuer; obtain one from {@link Rig#tokenIssuer()}. */
    public static final class Builder {

        private final Path parent;
        private final Supplier<RigCa> ca;
        private final Consumer<RigTokenIssuer> onStart;
        private final Consumer<RigTokenIssuer> onClose;
        private final Map<String, String> passwords = new LinkedHashMap<>();
        private final Map<String, String> refreshTokens = new LinkedHashMap<>();
        private boolean anonymousPull;
        private Duration lifetime = Duration.ofMinutes(5);
        private boolean tls;

        Builder(Path parent, Supplier<RigCa> ca, Consumer<RigTokenIssuer> onStart, Consumer<RigTokenIssuer> onClose) {
            this.parent = parent;
            this.ca = ca;
            this.onStart = onStart;
            this.onClose = onClose;
        }

        /** A user who gets every action asked for on any resource; may be called for several users. */
        public Builder user(String name, String password) {
            if (name.isEmpty() || name.contains(":")) {
                throw new IllegalArgumentException("a user name must be non-empty and free of ':'");
            }
            passwords.put(name, password);
            return this;
        }

        /** An identity (OAuth refresh) token standing for {@code user}, who gets every action asked for. */
        public Builder refreshToken(String token, String user) {
            refreshTokens.put(token, user);
            return this;
        }

        /** Anonymous callers get {@code pull} on any repository (default: a token without access). */
        public Builder anonymousPull() {
            this.anonymousPull = true;
            return this;
        }

        /**
         * How long tokens live (default 5 minutes), whole seconds, at least one. Distribution accepts a token until
         * 60 s after its {@code exp}, and the docker CLI treats an {@code expires_in} below 60 as 60.
         */
        public Builder tokenLifetime(Duration lifetime) {
            if (lifetime.toSeconds() < 1 || lifetime.toMillis() % 1000 != 0) {
                throw new IllegalArgumentException("token lifetime must be a positive whole number of seconds: "
                        + lifetime);
            }
            this.lifetime = lifetime;
            return this;
        }

        /** Serves the realm over https with a certificate from the rig's CA (the same CA as TLS registries). */
        public Builder tls() {
            this.tls = true;
            return this;
        }

        public RigTokenIssuer start() {
            Path dir;
            InetSocketAddress address;
            try {
                dir = Files.createTempDirectory(parent, "issuer-");
                address = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            HttpServer server;
            Path caCertificate = null;
            try {
                if (tls) {
                    RigCa authority = ca.get();
                    HttpsServer https = HttpsServer.create(address, 0);
                    https.setHttpsConfigurator(new HttpsConfigurator(
                            authority.serverContext(authority.issueServerCertificate("rig token issuer"))));
                    server = https;
                    caCertificate = authority.certificate();
                } else {
                    server = HttpServer.create(address, 0);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
            }
            RigTokenIssuer issuer = new RigTokenIssuer(this, dir, server, tls ? "https" : "http", caCertificate);
            server.start();
            onStart.accept(issuer);
            return issuer;
        }
    }
}
