package io.jenkins.plugins.registrysteps.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * One registry as a client sees it: its base URL (HTTPS, or plain HTTP for loopback and insecure hosts when the
 * server does not speak TLS, as Docker decides), its login, and the single caller that owns authentication and
 * retries. On a 401 it reads {@code WWW-Authenticate} again and answers a Basic or Bearer challenge with the login its
 * source gives at that moment (a renewed one after an expiry); bearer tokens are cached per scope. An identity token is
 * traded at the realm with an OAuth {@code refresh_token} grant, as the docker CLI does; a registry token is the bearer
 * token itself.
 */
final class RegistryConnection {

    static final String DOCKER_HUB_API = "registry-1.docker.io";
    private static final int MAX_ATTEMPTS = 4;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A plain-HTTP server answers a TLS hello with an error at once; a silent one must not hold a build up for long. */
    private static final Duration TLS_PROBE_TIMEOUT = Duration.ofSeconds(3);

    private final String registry;
    private final CredentialSource credentials;
    private static final int MAX_REDIRECTS = 5;

    private final RequestsInFlight requests;
    private final SSLContext tlsContext;
    private final boolean plainHttpAllowed;
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();
    private volatile String basicAuthorization;
    private volatile URI base;

    /** @param registry host[:port] as image references name it ({@code docker.io} for Docker Hub) */
    RegistryConnection(String registry, CredentialSource credentials, RequestsInFlight requests, SSLContext tlsContext,
            Set<String> insecureRegistries) {
        this.registry = registry;
        this.credentials = credentials;
        this.requests = requests;
        this.tlsContext = tlsContext;
        this.plainHttpAllowed = insecureRegistries.contains(registry) || isLoopback(registry);
    }

    String registry() {
        return registry;
    }

    /** A request to make: its action (for messages), method, path, body and the statuses that mean success. */
    record Exchange(String action, String method, String pathAndQuery, URI absolute, Map<String, String> headers,
            RequestBody body, Set<Integer> success, List<String> scopes, boolean resendable) {

        static Exchange of(String action, String method, String pathAndQuery, Set<Integer> success, List<String> scopes) {
            return new Exchange(action, method, pathAndQuery, null, Map.of(), null, success, scopes,
                    true);
        }

        Exchange withHeaders(Map<String, String> more) {
            return new Exchange(action, method, pathAndQuery, absolute, more, body, success, scopes, resendable);
        }

        Exchange withBody(RequestBody content) {
            return new Exchange(action, method, pathAndQuery, absolute, headers, content, success, scopes, resendable);
        }

        Exchange at(URI uri) {
            return new Exchange(action, method, null, uri, headers, body, success, scopes, resendable);
        }

        /** A request whose failure the caller recovers from itself (a chunk, resumed from what the registry holds). */
        Exchange notResent() {
            return new Exchange(action, method, pathAndQuery, absolute, headers, body, success, scopes, false);
        }
    }

    /** Sends with authentication and retries; a status outside {@code success} becomes a {@link RegistryException}. */
    HttpReply send(Exchange exchange) throws RegistryException {
        int challenges = 0;
        for (int attempt = 1; ; attempt++) {
            HttpReply reply;
            try {
                reply = execute(exchange);
            } catch (IOException e) {
                if (attempt >= MAX_ATTEMPTS || !exchange.resendable()) {
                    throw new RegistryException(exchange.action(), e);
                }
                pause(backoff(attempt));
                continue;
            }
            int status = reply.status();
            if (exchange.success().contains(status)) {
                return reply;
            }
            if (status == 401 && challenges++ < 2) {
                reply.discard();
                authenticate(reply, exchange);
                attempt--;
                continue;
            }
            if ((status == 429 || status >= 500) && attempt < MAX_ATTEMPTS && exchange.resendable()) {
                Duration wait = retryAfter(reply).orElse(backoff(attempt));
                reply.discard();
                pause(wait);
                continue;
            }
            throw failure(exchange, reply);
        }
    }

    /**
     * One attempt, following a GET's or HEAD's redirects (blob storage often answers from elsewhere). The login goes
     * only to the registry itself, never to the host a redirect names.
     */
    private HttpReply execute(Exchange exchange) throws IOException {
        URI registryBase = base();
        URI uri = exchange.absolute() != null ? exchange.absolute() : registryBase.resolve(exchange.pathAndQuery());
        for (int redirects = 0; ; redirects++) {
            HttpUriRequestBase request = new HttpUriRequestBase(exchange.method(), uri);
            exchange.headers().forEach(request::setHeader);
            if (Objects.equals(uri.getRawAuthority(), registryBase.getRawAuthority())) {
                authorization(exchange).ifPresent(value -> request.setHeader("Authorization", value));
            }
            if (exchange.body() != null) {
                request.setEntity(exchange.body().entity(exchange.headers().get("Content-Type")));
            }
            HttpReply reply = requests.execute(uri, request);
            Optional<String> location = reply.header("Location");
            boolean follow = (exchange.method().equals("GET") || exchange.method().equals("HEAD"))
                    && Set.of(301, 302, 303, 307, 308).contains(reply.status()) && location.isPresent();
            if (!follow || redirects >= MAX_REDIRECTS) {
                return reply;
            }
            reply.discard();
            uri = uri.resolve(location.get());
        }
    }

    private Optional<String> authorization(Exchange exchange) {
        String token = authorizations.get(scopeKey(exchange.scopes()));
        return Optional.ofNullable(token != null ? token : basicAuthorization);
    }

    private void authenticate(HttpReply response, Exchange exchange) throws RegistryException {
        AuthChallenge challenge = response.headers("WWW-Authenticate").stream()
                .map(AuthChallenge::parse).flatMap(Optional::stream)
                .filter(c -> c.isBearer() || c.isBasic()).findFirst()
                .orElseThrow(() -> new RegistryException(exchange.action() + ": status 401 without a Basic or Bearer challenge", 401));
        Optional<Credential> login = login();
        if (challenge.isBasic()) {
            basicAuthorization = basic(login.orElseThrow(() -> notLoggedIn(exchange.action())));
            return;
        }
        String token = login.isPresent() && login.get().kind() == Credential.Kind.REGISTRY_TOKEN
                ? login.get().secret() : token(challenge, exchange, login);
        authorizations.put(scopeKey(exchange.scopes()), "Bearer " + token);
    }

    /** The login as the source gives it now; a source that fails says why in its own words. */
    private Optional<Credential> login() throws RegistryException {
        try {
            return credentials.credentialFor(registry);
        } catch (RegistryException e) {
            throw e;
        } catch (IOException e) {
            RegistryException failure = new RegistryException(e.getMessage(), 0);
            failure.initCause(e);
            throw failure;
        }
    }

    /**
     * Fetches a bearer token for the exchange's scopes from the challenge's realm: a GET with Basic credentials, or
     * for an identity token a POST of the OAuth refresh-token grant.
     */
    private String token(AuthChallenge challenge, Exchange exchange, Optional<Credential> login) throws RegistryException {
        String realm = challenge.parameter("realm");
        if (realm == null) {
            throw new RegistryException(exchange.action() + ": the Bearer challenge names no realm", 401);
        }
        String service = challenge.parameter("service");
        List<String> scopes = exchange.scopes().isEmpty() && challenge.parameter("scope") != null
                ? List.of(challenge.parameter("scope")) : exchange.scopes();
        boolean refresh = login.isPresent() && login.get().kind() == Credential.Kind.IDENTITY_TOKEN;
        HttpUriRequestBase request = refresh ? refreshGrant(realm, service, scopes, login.get().secret())
                : tokenQuery(realm, service, scopes, login);
        URI uri;
        try {
            uri = request.getUri();
        } catch (java.net.URISyntaxException e) {
            throw new RegistryException("the Bearer challenge's realm is not a URL", 401);
        }
        String action = "get a token for " + registry + " from " + uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
        try (HttpReply answer = requests.execute(uri, request)) {
            byte[] body = answer.body().readAllBytes();
            if (answer.status() == 401 || answer.status() == 403 || refresh && answer.status() == 400) {
                throw login.isPresent()
                        ? RegistryException.of(action + " (the login for " + registry + " was refused: check the "
                                + (refresh ? "identity token" : "user name and password") + ")",
                                answer.status(), new String(body, StandardCharsets.UTF_8))
                        : notLoggedIn(action);
            }
            if (answer.status() != 200) {
                throw RegistryException.of(action, answer.status(), new String(body, StandardCharsets.UTF_8));
            }
            JsonNode json = JSON.readTree(body);
            String token = json.hasNonNull("token") ? json.get("token").asText() : json.path("access_token").asText(null);
            if (token == null || token.isEmpty()) {
                throw new RegistryException(action + ": the answer holds no token", answer.status());
            }
            return token;
        } catch (RegistryException e) {
            throw e;
        } catch (IOException e) {
            throw new RegistryException(action, e);
        }
    }

    /** Docker's token GET: {@code ?service=S&scope=A&scope=B}, with Basic credentials when there is a login. */
    private static HttpUriRequestBase tokenQuery(String realm, String service, List<String> scopes, Optional<Credential> login) {
        StringBuilder query = new StringBuilder();
        if (service != null) {
            query.append("service=").append(encode(service));
        }
        for (String scope : scopes) {
            query.append(query.length() > 0 ? "&" : "").append("scope=").append(encode(scope));
        }
        URI uri = URI.create(realm + (query.length() > 0 ? (realm.contains("?") ? "&" : "?") + query : ""));
        HttpUriRequestBase request = new HttpUriRequestBase("GET", uri);
        login.ifPresent(credential -> request.setHeader("Authorization", basic(credential)));
        return request;
    }

    /** Docker's OAuth POST for an identity token: {@code grant_type=refresh_token}, the scopes space-separated. */
    private static HttpUriRequestBase refreshGrant(String realm, String service, List<String> scopes, String refreshToken) {
        StringBuilder form = new StringBuilder("grant_type=refresh_token&client_id=registry-steps&refresh_token=")
                .append(encode(refreshToken));
        if (service != null) {
            form.append("&service=").append(encode(service));
        }
        if (!scopes.isEmpty()) {
            form.append("&scope=").append(encode(String.join(" ", scopes)));
        }
        HttpUriRequestBase request = new HttpUriRequestBase("POST", URI.create(realm));
        request.setEntity(new StringEntity(form.toString(), ContentType.APPLICATION_FORM_URLENCODED));
        return request;
    }

    private RegistryException notLoggedIn(String action) {
        return new RegistryException(action + ": status 401: " + registry
                + " needs a login; give credentials for it", 401);
    }

    private static RegistryException failure(Exchange exchange, HttpReply response) {
        String body;
        try (response; InputStream in = response.body()) {
            body = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
        } catch (IOException e) {
            body = "";
        }
        String hint = response.status() == 401 ? " (the login was refused: check the credentials for this registry)" : "";
        return RegistryException.of(exchange.action() + hint, response.status(), body);
    }

    /** Docker's rule: HTTPS, except loopback and insecure registries that turn out not to speak TLS. */
    private URI base() throws RegistryException {
        URI known = base;
        if (known != null) {
            return known;
        }
        String host = registry.equals("docker.io") ? DOCKER_HUB_API : registry;
        URI https = URI.create("https://" + host + "/");
        if (!plainHttpAllowed) {
            return base = https;
        }
        int timeout = (int) TLS_PROBE_TIMEOUT.toMillis();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(https.getHost(), https.getPort() < 0 ? 443 : https.getPort()), timeout);
            plain.setSoTimeout(timeout);
            try (SSLSocket tls = (SSLSocket) tlsContext.getSocketFactory().createSocket(plain, https.getHost(), https.getPort(), false)) {
                tls.startHandshake();
            }
            return base = https;
        } catch (IOException e) {
            if (untrustedCertificate(e)) {
                throw new RegistryException("reach " + https + ": its TLS certificate is not trusted; give its CA certificate "
                        + "(--ca-cert PEM) rather than plain HTTP", 0);
            }
            // no TLS there (handshake refused, connection reset or silence): Docker falls back to plain HTTP too
            return base = URI.create("http://" + host + "/");
        }
    }

    /** A server that speaks TLS with a certificate we cannot verify, as opposed to one that speaks no TLS at all. */
    private static boolean untrustedCertificate(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.security.cert.CertificateException
                    || cause instanceof java.security.cert.CertPathValidatorException
                    || cause.getClass().getName().equals("sun.security.provider.certpath.SunCertPathBuilderException")) {
                return true;
            }
        }
        return false;
    }

    static boolean isLoopback(String registry) {
        String host = registry.startsWith("[") ? registry.substring(1, registry.indexOf(']'))
                : registry.contains(":") ? registry.substring(0, registry.lastIndexOf(':')) : registry;
        if (host.equals("localhost")) {
            return true;
        }
        try {
            return host.matches("[0-9.]+|[0-9a-fA-F:]+") && InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static String scopeKey(List<String> scopes) {
        return String.join(" ", scopes.stream().sorted().toList());
    }

    private static String basic(Credential login) {
        return "Basic " + Base64.getEncoder().encodeToString((login.username() + ":" + login.secret()).getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Duration backoff(int attempt) {
        return FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 4));
    }

    private static Optional<Duration> retryAfter(HttpReply response) {
        return response.header("Retry-After").flatMap(value -> {
            try {
                Duration wait = Duration.ofSeconds(Long.parseLong(value.strip()));
                return Optional.of(wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static void pause(Duration wait) throws RegistryException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while waiting to retry", 0);
        }
    }
}
