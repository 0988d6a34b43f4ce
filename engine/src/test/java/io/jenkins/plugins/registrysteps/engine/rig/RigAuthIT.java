package io.jenkins.plugins.registrysteps.engine.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RigAuthIT {

    private static final String USER = "alice";
    private static final String PASSWORD = "rig-test-password-1";
    private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Rig rig;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startRig() {
        rig = Rig.get();
    }

    @Test
    void htpasswdRegistryChallengesWithBasicRealmAndAcceptsEachOfItsUsers() throws Exception {
        try (RigRegistry registry = rig.registry().name("htpasswd").htpasswd(USER, PASSWORD)
                .htpasswd("bob", "rig-test-password-2").start()) {
            URI v2 = registry.url().resolve("/v2/");

            HttpResponse<String> anonymous = get(http, v2, null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"rig-registry\"");

            assertThat(get(http, v2, basic(USER, PASSWORD)).statusCode()).isEqualTo(200);
            assertThat(get(http, v2, basic("bob", "rig-test-password-2")).statusCode()).isEqualTo(200);
            assertThat(get(http, v2, basic(USER, "wrong")).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void dockerPushesBaseImageToHtpasswdRegistryOnlyAfterLogin() throws Exception {
        try (RigRegistry registry = rig.registry().name("htpasswd-push").htpasswd(USER, PASSWORD).start()) {
            String ref = registry.host() + "/rig/busybox:1";
            rig.docker("tag", rig.baseImage(), ref);

            Command.Result anonymousPush = rig.dockerResult("push", ref);
            assertThat(anonymousPush.ok()).isFalse();
            assertThat(anonymousPush.stderr()).contains("no basic auth credentials");

            rig.dockerLogin(registry.host(), USER, PASSWORD);
            rig.docker("push", ref);

            assertThat(get(http, registry.url().resolve("/v2/rig/busybox/manifests/1"), basic(USER, PASSWORD))
                    .statusCode()).isEqualTo(200);
            List<Path> logs = new ArrayList<>(List.of(registry.log(), registry.dir().resolve("access.log")));
            if (rig.ownsDaemon()) {
                logs.add(rig.dockerdLog());
            }
            for (Path log : logs) {
                assertThat(Files.readString(log)).as("%s", log).doesNotContain(PASSWORD);
            }
        }
    }

    @Test
    void tokenRegistryChallengesWithBearerScopeAndAcceptsIssuedToken() throws Exception {
        RigTokenIssuer issuer = rig.tokenIssuer().user(USER, PASSWORD).start();
        try (issuer; RigRegistry registry = rig.registry().name("token").tokenAuth(issuer).start()) {
            HttpResponse<String> challenged = get(http, registry.url().resolve("/v2/rig/app/tags/list"), null);
            assertThat(challenged.statusCode()).isEqualTo(401);
            Map<String, String> bearer = bearerChallenge(challenged);
            assertThat(bearer).containsEntry("realm", issuer.realm().toString())
                    .containsEntry("service", registry.host())
                    .containsEntry("scope", "repository:rig/app:pull");

            HttpResponse<String> issued = get(http, tokenUri(bearer.get("realm"), bearer.get("service"),
                    "repository:rig/app:pull,push"), basic(USER, PASSWORD));
            assertThat(issued.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(issued.body());
            String token = body.path("token").asText();
            assertThat(body.path("access_token").asText()).isEqualTo(token);
            assertThat(body.path("expires_in").asLong()).isEqualTo(300);
            assertThat(body.path("issued_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            JsonNode claims = claims(token);
            assertThat(claims.path("iss").asText()).isEqualTo(RigTokenIssuer.ISSUER);
            assertThat(claims.path("sub").asText()).isEqualTo(USER);
            assertThat(claims.path("aud").asText()).isEqualTo(registry.host());
            assertThat(claims.path("access").toString())
                    .isEqualTo("[{\"type\":\"repository\",\"name\":\"rig/app\",\"actions\":[\"pull\",\"push\"]}]");

            byte[] blob = "a blob pushed with a bearer token\n".getBytes(StandardCharsets.UTF_8);
            String digest = "sha256:" + sha256(blob);
            HttpResponse<String> started = http.send(HttpRequest.newBuilder(
                            registry.url().resolve("/v2/rig/app/blobs/uploads/"))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            URI location = registry.url().resolve(started.headers().firstValue("Location").orElseThrow());
            HttpResponse<String> uploaded = http.send(HttpRequest.newBuilder(
                            URI.create(location + (location.getQuery() == null ? "?" : "&") + "digest=" + digest))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(blob)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
            assertThat(get(http, registry.url().resolve("/v2/rig/app/blobs/" + digest), "Bearer " + token).body())
                    .isEqualTo("a blob pushed with a bearer token\n");
            assertThat(issuer.requests()).containsExactly(new RigTokenIssuer.Request(USER, registry.host(),
                    List.of("repository:rig/app:pull,push"), 200));
        }
    }

    @Test
    void dockerPushesToTokenRegistryAfterLoginWithTokensFromIssuer() {
        RigTokenIssuer issuer = rig.tokenIssuer().user(USER, PASSWORD).start();
        try (issuer; RigRegistry registry = rig.registry().name("token-push").tokenAuth(issuer).start()) {
            String ref = registry.host() + "/rig/busybox:token";
            rig.docker("tag", rig.baseImage(), ref);

            rig.dockerLogin(registry.host(), USER, PASSWORD);
            rig.docker("push", ref);

            assertThat(issuer.requests()).isNotEmpty().allSatisfy(request -> {
                assertThat(request.user()).isEqualTo(USER);
                assertThat(request.status()).isEqualTo(200);
            });
            // docker asks for "push,pull", in that order
            assertThat(issuer.requests()).flatExtracting(RigTokenIssuer.Request::scopes)
                    .anySatisfy(scope -> assertThat(scope).startsWith("repository:rig/busybox:").contains("push"));
        }
    }

    @Test
    void tokenIssuerRejectsWrongPasswordAndGivesAnonymousCallersPullOnly() throws Exception {
        RigTokenIssuer issuer = rig.tokenIssuer().user(USER, PASSWORD).anonymousPull().start();
        try (issuer; RigRegistry registry = rig.registry().name("token-anonymous").tokenAuth(issuer).start()) {
            String realm = issuer.realm().toString();
            String scope = "repository:rig/app:pull,push";

            HttpResponse<String> wrongPassword = get(http, tokenUri(realm, registry.host(), scope), basic(USER, "wrong"));
            assertThat(wrongPassword.statusCode()).isEqualTo(401);
            assertThat(wrongPassword.headers().firstValue("WWW-Authenticate"))
                    .hasValue("Basic realm=\"" + RigTokenIssuer.BASIC_REALM + "\"");

            HttpResponse<String> anonymous = get(http, tokenUri(realm, registry.host(), scope), null);
            assertThat(anonymous.statusCode()).isEqualTo(200);
            String token = JSON.readTree(anonymous.body()).path("token").asText();
            assertThat(claims(token).path("access").toString())
                    .isEqualTo("[{\"type\":\"repository\",\"name\":\"rig/app\",\"actions\":[\"pull\"]}]");
            HttpResponse<String> push = http.send(HttpRequest.newBuilder(
                            registry.url().resolve("/v2/rig/app/blobs/uploads/"))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(push.statusCode()).isEqualTo(401);
            assertThat(push.headers().firstValue("WWW-Authenticate").orElseThrow())
                    .contains("error=\"insufficient_scope\"");

            assertThat(issuer.requests()).extracting(RigTokenIssuer.Request::user, RigTokenIssuer.Request::status)
                    .containsExactly(tuple(USER, 401),
                            tuple("", 200));
        }
    }

    @Test
    void tokenIssuerCountsEveryRequestAndIssuesTokensOfConfiguredLifetime() throws Exception {
        try (RigTokenIssuer issuer = rig.tokenIssuer().user(USER, PASSWORD).tokenLifetime(Duration.ofSeconds(3))
                .start()) {
            URI uri = tokenUri(issuer.realm().toString(), "127.0.0.1:5000", "repository:rig/app:pull");

            JsonNode first = JSON.readTree(get(http, uri, basic(USER, PASSWORD)).body());
            JsonNode second = JSON.readTree(get(http, uri, basic(USER, PASSWORD)).body());

            assertThat(issuer.requests()).hasSize(2);
            assertThat(first.path("expires_in").asLong()).isEqualTo(3);
            JsonNode claims = claims(second.path("token").asText());
            assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(3);
            assertThat(second.path("token").asText()).isNotEqualTo(first.path("token").asText());
        }
    }

    @Test
    void tokenIssuerGrantsEachRepeatedScope() throws Exception {
        try (RigTokenIssuer issuer = rig.tokenIssuer().user(USER, PASSWORD).start()) {
            URI uri = URI.create(tokenUri(issuer.realm().toString(), "127.0.0.1:5000", "repository:rig/app:pull,push")
                    + "&scope=" + URLEncoder.encode("repository:rig/base:pull", StandardCharsets.UTF_8));

            JsonNode body = JSON.readTree(get(http, uri, basic(USER, PASSWORD)).body());

            assertThat(claims(body.path("token").asText()).path("access").toString()).isEqualTo("["
                    + "{\"type\":\"repository\",\"name\":\"rig/app\",\"actions\":[\"pull\",\"push\"]},"
                    + "{\"type\":\"repository\",\"name\":\"rig/base\",\"actions\":[\"pull\"]}]");
        }
    }

    @Test
    void tlsRegistryIsTrustedThroughItsCaCertificateOnly() throws Exception {
        try (RigRegistry registry = rig.registry().name("tls").tls().start()) {
            assertThat(registry.url().getScheme()).isEqualTo("https");
            HttpClient trusting = trusting(registry.caCertificate());

            assertThat(get(trusting, registry.url().resolve("/v2/"), null).statusCode()).isEqualTo(200);
            assertThat(get(trusting, URI.create("https://localhost:" + registry.port() + "/v2/"), null).statusCode())
                    .isEqualTo(200);
            assertThatThrownBy(() -> get(http, registry.url().resolve("/v2/"), null))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void tokenAuthWorksOverTlsWithHttpsRealm() throws Exception {
        RigTokenIssuer issuer = rig.tokenIssuer().user(USER, PASSWORD).tls().start();
        try (issuer; RigRegistry registry = rig.registry().name("token-tls").tokenAuth(issuer).tls().start()) {
            assertThat(issuer.caCertificate()).isEqualTo(registry.caCertificate());
            HttpClient trusting = trusting(registry.caCertificate());
            URI v2 = registry.url().resolve("/v2/");

            Map<String, String> bearer = bearerChallenge(get(trusting, v2, null));
            assertThat(bearer.get("realm")).startsWith("https://127.0.0.1:");
            HttpResponse<String> issued = get(trusting, tokenUri(bearer.get("realm"), bearer.get("service"), null),
                    basic(USER, PASSWORD));
            String token = JSON.readTree(issued.body()).path("token").asText();

            assertThat(get(trusting, v2, "Bearer " + token).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void htpasswdWorksOverTlsAndDockerPushesThere() throws Exception {
        try (RigRegistry registry = rig.registry().name("htpasswd-tls").htpasswd(USER, PASSWORD).tls().start()) {
            HttpClient trusting = trusting(registry.caCertificate());
            URI v2 = registry.url().resolve("/v2/");
            assertThat(get(trusting, v2, null).statusCode()).isEqualTo(401);
            assertThat(get(trusting, v2, basic(USER, PASSWORD)).statusCode()).isEqualTo(200);

            // dockerd counts 127.0.0.0/8 as an insecure registry: it speaks TLS without verifying, so no certs.d is needed
            String ref = registry.host() + "/rig/busybox:tls";
            rig.docker("tag", rig.baseImage(), ref);
            rig.dockerLogin(registry.host(), USER, PASSWORD);
            rig.docker("push", ref);

            assertThat(get(trusting, registry.url().resolve("/v2/rig/busybox/manifests/tls"), basic(USER, PASSWORD))
                    .statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> get(HttpClient client, URI uri, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The parameters of a {@code WWW-Authenticate: Bearer k="v",...} challenge. */
    private static Map<String, String> bearerChallenge(HttpResponse<?> response) {
        String header = response.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertThat(header).startsWith("Bearer ");
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = CHALLENGE_PARAM.matcher(header);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        return params;
    }

    private static URI tokenUri(String realm, String service, String scope) {
        return URI.create(realm + "?service=" + URLEncoder.encode(service, StandardCharsets.UTF_8)
                + (scope == null ? "" : "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)));
    }

    private static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static HttpClient trusting(Path caPem) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trusted.setCertificateEntry("rig-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(context).build();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
