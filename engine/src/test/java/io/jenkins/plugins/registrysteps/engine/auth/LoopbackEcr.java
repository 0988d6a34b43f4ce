package io.jenkins.plugins.registrysteps.engine.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Amazon ECR's {@code GetAuthorizationToken} as AWS's JSON 1.1 protocol serves it, on 127.0.0.1, for the SDK's
 * endpoint override: it checks the target header and the SigV4 signature's access key, and answers a token (base64 of
 * {@code AWS:PASSWORD}) that expires after the lifetime given. Every request is recorded.
 */
final class LoopbackEcr implements AutoCloseable {

    /** What a client asked: the access key it signed with and the registry ids. */
    record Request(String accessKey, List<String> registryIds) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String accessKey;
    private final String password;
    private final Duration lifetime;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    LoopbackEcr(String accessKey, String password, Duration lifetime) throws IOException {
        this.accessKey = accessKey;
        this.password = password;
        this.lifetime = lifetime;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            String signedWith = authorization.replaceFirst("^AWS4-HMAC-SHA256 Credential=([^/]+)/.*$", "$1");
            List<String> ids = body.has("registryIds") ? JSON.convertValue(body.get("registryIds"),
                    JSON.getTypeFactory().constructCollectionType(List.class, String.class)) : List.of();
            requests.add(new Request(signedWith, ids));
            if (!"AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken".equals(target)) {
                respond(exchange, 400, Map.of("__type", "UnknownOperationException"));
            } else if (!signedWith.equals(accessKey)) {
                respond(exchange, 400, Map.of("__type", "UnrecognizedClientException",
                        "message", "The security token included in the request is invalid."));
            } else {
                String account = ids.isEmpty() ? "000000000000" : ids.get(0);
                respond(exchange, 200, Map.of("authorizationData", List.of(Map.of(
                        "authorizationToken", Base64.getEncoder().encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8)),
                        "expiresAt", Instant.now().plus(lifetime).getEpochSecond(),
                        "proxyEndpoint", "https://" + account + ".dkr.ecr.eu-west-1.amazonaws.com"))));
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
