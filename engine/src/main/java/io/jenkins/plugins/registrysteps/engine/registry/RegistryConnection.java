package io.jenkins.plugins.registrysteps.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One registry as a client sees it: its base URL (HTTPS, or plain HTTP for loopback and insecure hosts when the
 * server does not speak TLS, as Docker decides), its login, and the single caller that owns authentication and
 * retries. On a 401 it reads {@code WWW-Authenticate} again and answers a Basic or Bearer challenge; bearer tokens
 * are cached per scope.
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
    private final Optional<Credential> credential;
    private final HttpClient http;
    private final boolean plainHttpAllowed;
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();
    private volatile String basicAuthorization;
    private volatile URI base;

    /** @param registry host[:port] as image references name it ({@code docker.io} for Docker Hub) */
    RegistryConnection(String registry, Optional<Credential> credential, HttpClient http, Set<String> insecureRegistries) {
        this.registry = registry;
        this.credential = credential;
        this.http = http;
        this.plainHttpAllowed = insecureRegistries.contains(registry) || isLoopback(registry);
    }

    String registry() {
        return registry;
    }

    /** A request to make: its action (for messages), method, path, body and the statuses that mean success. */
    record Exchange(String action, String method, String pathAndQuery, URI absolute, Map<String, String> headers,
            Supplier<HttpRequest.BodyPublisher> body, Set<Integer> success, List<String> scopes, boolean resendable) {

        static Exchange of(String action, String method, String pathAndQuery, Set<Integer> success, List<String> scopes) {
            return new Exchange(action, method, pathAndQuery, null, Map.of(), HttpRequest.BodyPublishers::noBody, success, scopes,
                    true);
        }

        Exchange withHeaders(Map<String, String> more) {
            return new Exchange(action, method, pathAndQuery, absolute, more, body, success, scopes, resendable);
        }

        Exchange withBody(Supplier<HttpRequest.BodyPublisher> publisher) {
            return new Exchange(action, method, pathAndQuery, absolute, headers, publisher, success, scopes, resendable);
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
    HttpResponse<InputStream> send(Exchange exchange) throws RegistryException {
        int challenges = 0;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<InputStream> response;
            try {
                response = http.send(request(exchange), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (attempt >= MAX_ATTEMPTS || !exchange.resendable()) {
                    throw new RegistryException(exchange.action(), e);
                }
                pause(backoff(attempt));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException(exchange.action() + ": interrupted", 0);
            }
            int status = response.statusCode();
            if (exchange.success().contains(status)) {
                return response;
            }
            if (status == 401 && challenges++ < 2) {
                discard(response);
                authenticate(response, exchange);
                attempt--;
                continue;
            }
            if ((status == 429 || status >= 500) && attempt < MAX_ATTEMPTS && exchange.resendable()) {
                Duration wait = retryAfter(response).orElse(backoff(attempt));
                discard(response);
                pause(wait);
                continue;
            }
            throw failure(exchange, response);
        }
    }

    private HttpRequest request(Exchange exchange) throws RegistryException {
        URI uri = exchange.absolute() != null ? exchange.absolute() : base().resolve(exchange.pathAndQuery());
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10))
                .method(exchange.method(), exchange.body().get())
                .header("User-Agent", "registry-steps");
        exchange.headers().forEach(builder::header);
        authorization(exchange).ifPresent(value -> builder.header("Authorization", value));
        return builder.build();
    }

    private Optional<String> authorization(Exchange exchange) {
        String token = authorizations.get(scopeKey(exchange.scopes()));
        return Optional.ofNullable(token != null ? token : basicAuthorization);
    }

    private void authenticate(HttpResponse<InputStream> response, Exchange exchange) throws RegistryException {
        AuthChallenge challenge = response.headers().allValues("WWW-Authenticate").stream()
                .map(AuthChallenge::parse).flatMap(Optional::stream)
                .filter(c -> c.isBearer() || c.isBasic()).findFirst()
                .orElseThrow(() -> new RegistryException(exchange.action() + ": status 401 without a Basic or Bearer challenge", 401));
        if (challenge.isBasic()) {
            Credential login = credential.orElseThrow(() -> notLoggedIn(exchange.action()));
            basicAuthorization = basic(login);
            return;
        }
        authorizations.put(scopeKey(exchange.scopes()), "Bearer " + token(challenge, exchange));
    }

    /** Fetches a bearer token for the exchange's scopes from the challenge's realm. */
    private String token(AuthChallenge challenge, Exchange exchange) throws RegistryException {
        String realm = challenge.parameter("realm");
        if (realm == null) {
            throw new RegistryException(exchange.action() + ": the Bearer challenge names no realm", 401);
        }
        StringBuilder query = new StringBuilder();
        if (challenge.parameter("service") != null) {
            query.append("service=").append(encode(challenge.parameter("service")));
        }
        List<String> scopes = exchange.scopes().isEmpty() && challenge.parameter("scope") != null
                ? List.of(challenge.parameter("scope")) : exchange.scopes();
        for (String scope : scopes) {
            query.append(query.length() > 0 ? "&" : "").append("scope=").append(encode(scope));
        }
        URI uri = URI.create(realm + (query.length() > 0 ? (realm.contains("?") ? "&" : "?") + query : ""));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(1)).GET()
                .header("User-Agent", "registry-steps");
        credential.ifPresent(login -> request.header("Authorization", basic(login)));
        String action = "get a token for " + registry + " from " + uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
        try {
            HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() == 401 || answer.statusCode() == 403) {
                throw credential.isPresent()
                        ? RegistryException.of(action + " (the login for " + registry + " was refused: check the user name and password)",
                                answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8))
                        : notLoggedIn(action);
            }
            if (answer.statusCode() != 200) {
                throw RegistryException.of(action, answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8));
            }
            JsonNode body = JSON.readTree(answer.body());
            String token = body.hasNonNull("token") ? body.get("token").asText() : body.path("access_token").asText(null);
            if (token == null || token.isEmpty()) {
                throw new RegistryException(action + ": the answer holds no token", answer.statusCode());
            }
            return token;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(action + ": interrupted", 0);
        } catch (RegistryException e) {
            throw e;
        } catch (IOException e) {
            throw new RegistryException(action, e);
        }
    }

    private RegistryException notLoggedIn(String action) {
        return new RegistryException(action + ": status 401: " + registry
                + " needs a login; give credentials for it", 401);
    }

    private static RegistryException failure(Exchange exchange, HttpResponse<InputStream> response) {
        String body;
        try (InputStream in = response.body()) {
            body = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
        } catch (IOException e) {
            body = "";
        }
        String hint = response.statusCode() == 401 ? " (the login was refused: check the credentials for this registry)" : "";
        return RegistryException.of(exchange.action() + hint, response.statusCode(), body);
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
        try {
            discard(http.send(HttpRequest.newBuilder(https.resolve("/v2/")).timeout(TLS_PROBE_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream()));
            return base = https;
        } catch (IOException e) {
            if (untrustedCertificate(e)) {
                throw new RegistryException("reach " + https + ": its TLS certificate is not trusted; give its CA certificate "
                        + "(--ca-cert PEM) rather than plain HTTP", 0);
            }
            // no TLS there (handshake refused, connection reset or silence): Docker falls back to plain HTTP too
            return base = URI.create("http://" + host + "/");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("reach " + registry + ": interrupted", 0);
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

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
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

    static void discard(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the response is dropped either way
        }
    }
}
