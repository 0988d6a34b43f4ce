package io.jenkins.plugins.registrysteps.engine.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Google's OAuth2 token endpoint for service accounts, on 127.0.0.1: it answers the JWT-bearer grant whose assertion is
 * signed with the key pair it made (RSA, generated per instance) with an access token that expires after the lifetime
 * given, numbered per grant, and refuses any other as Google does. {@link #jsonKey} is a service-account JSON key whose
 * {@code token_uri} points here. Every grant's claims are recorded.
 */
final class LoopbackGoogleToken implements AutoCloseable {

    static final String EMAIL = "pusher@demo.iam.gserviceaccount.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final KeyPair keys;
    private final String tokenPrefix;
    private final Duration lifetime;
    private final List<JsonNode> grants = new CopyOnWriteArrayList<>();

    LoopbackGoogleToken(String tokenPrefix, Duration lifetime) throws IOException, GeneralSecurityException {
        this.tokenPrefix = tokenPrefix;
        this.lifetime = lifetime;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/token", this::handle);
        server.start();
    }

    String tokenUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    /** The PKCS#8 PEM of the private key, as a JSON key's {@code private_key} holds it. */
    String privateKeyPem() {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    /** A service-account JSON key signing with this endpoint's key pair. */
    String jsonKey() throws IOException {
        Map<String, String> key = new HashMap<>();
        key.put("type", "service_account");
        key.put("project_id", "demo");
        key.put("private_key_id", "0123456789abcdef");
        key.put("private_key", privateKeyPem());
        key.put("client_email", EMAIL);
        key.put("client_id", "100000000000000000001");
        key.put("token_uri", tokenUri());
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(key);
    }

    /** The claims of every grant asked, signed right or not. */
    List<JsonNode> grants() {
        return List.copyOf(grants);
    }

    /** The access token the n-th grant (from 1) gets. */
    String token(int n) {
        return tokenPrefix + "-" + n;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = new HashMap<>();
            for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                int equals = pair.indexOf('=');
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
            String[] jwt = form.getOrDefault("assertion", "").split("\\.");
            if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type")) || jwt.length != 3) {
                respond(exchange, 400, error("unsupported_grant_type", "Invalid grant_type"));
                return;
            }
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
            grants.add(claims);
            if (!signedByKey(jwt) || !EMAIL.equals(claims.path("iss").asText())) {
                respond(exchange, 400, error("invalid_grant", "Invalid JWT Signature."));
            } else {
                respond(exchange, 200, Map.of("access_token", token(grants.size()), "expires_in", lifetime.toSeconds(),
                        "token_type", "Bearer"));
            }
        }
    }

    private boolean signedByKey(String[] jwt) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(keys.getPublic());
            rsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            return rsa.verify(Base64.getUrlDecoder().decode(jwt[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Map<String, String> error(String code, String description) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("error", code);
        error.put("error_description", description);
        return error;
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
