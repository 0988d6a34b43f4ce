package io.jenkins.plugins.registrysteps.engine.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.plan.LoginSource;
import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import io.jenkins.plugins.registrysteps.engine.registry.ImageCopier;
import io.jenkins.plugins.registrysteps.engine.registry.RegistryClient;
import io.jenkins.plugins.registrysteps.engine.rig.Rig;
import io.jenkins.plugins.registrysteps.engine.rig.RigRegistry;
import io.jenkins.plugins.registrysteps.engine.rig.RigTokenIssuer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry client logs in through the resolver with ECR tokens, GCR JSON keys and access tokens, identity and registry
 * tokens.
 */
class LoginSourcesIT {

    private static final String PASSWORD = "s0urces-Pa55";

    private static Rig rig;
    private static RigRegistry source;
    private static ImageReference image;
    private Path folder;
    private final Map<String, String> env = new HashMap<>();

    @BeforeAll
    static void startSource() throws Exception {
        rig = Rig.get();
        source = rig.registry().name("login-sources").start();
        rig.docker("tag", rig.baseImage(), source.host() + "/team/base:1");
        rig.docker("push", source.host() + "/team/base:1");
        image = ImageReference.parse(source.host() + "/team/base:1");
    }

    @AfterAll
    static void stopSource() {
        source.close();
    }

    @BeforeEach
    void folder() throws Exception {
        folder = Files.createTempDirectory(rig.dir(), "login-sources-");
        env.put("DOCKER_CONFIG", Files.createDirectories(folder.resolve("docker-config")).toString());
    }

    private void copyWith(Logins logins, RigRegistry target, String repository) throws Exception {
        copyWith(logins.resolver(), target, repository);
    }

    private void copyWith(LoginResolver resolver, RigRegistry target, String repository) throws Exception {
        RegistryClient client = RegistryClient.builder().credentials(resolver).build();
        ImageReference copied = ImageReference.parse(target.host() + "/" + repository);
        new ImageCopier(client).copy(image, copied);
        assertThat(client.manifestDigest(copied)).isPresent();
    }

    private NamedRegistries registries(String yaml) throws Exception {
        Path file = folder.resolve("registries.yml");
        Files.writeString(file, yaml);
        return NamedRegistries.load(file);
    }

    @Test
    void explicitLoginWinsOverTheUsersDockerConfig() throws Exception {
        try (RigRegistry target = rig.registry().name("login-sources-explicit").htpasswd("jenkins", PASSWORD).start()) {
            Files.writeString(Path.of(env.get("DOCKER_CONFIG")).resolve("config.json"), "{\"auths\": {\"" + target.host()
                    + "\": {\"username\": \"jenkins\", \"password\": \"stale\"}}}");
            StepLogins step = new StepLogins(Map.of(target.host(), new LoginSpec.Fixed(new Credential("jenkins", PASSWORD))),
                    LoginSource.NONE, java.util.List.of(), java.util.List.of());
            copyWith(Logins.builder(env).build().resolver(step, line -> { }), target, "prod/base:1");
        }
    }

    @Test
    void ecrKeysAreTradedForATokenThatLogsInAsAws() throws Exception {
        try (LoopbackEcr ecr = new LoopbackEcr("AKIDEXAMPLE", "ecr-" + PASSWORD, Duration.ofHours(12));
             RigRegistry target = rig.registry().name("login-sources-ecr").htpasswd("AWS", "ecr-" + PASSWORD).start()) {
            env.put("ECR_KEY", "AKIDEXAMPLE");
            env.put("ECR_SECRET", "ecr-secret-key");
            Logins logins = Logins.builder(env).namedRegistries(registries("""
                    ecr-prod:
                      domain: %s
                      credentials:
                        ecr:
                          region: eu-west-1
                          registry_id: "123456789012"
                          access_key_env: ECR_KEY
                          secret_key_env: ECR_SECRET
                          endpoint: %s
                    """.formatted(target.host(), ecr.endpoint()))).build();
            copyWith(logins, target, "prod/base:1");
            assertThat(ecr.requests()).hasSize(1);
            assertThat(logins.masker().mask("ecr-" + PASSWORD + " ecr-secret-key")).isEqualTo("**** ****");
        }
    }

    @Test
    void gcrJsonKeyLogsInAsJsonKeyUser() throws Exception {
        String jsonKey = "{\n  \"type\": \"service_account\",\n  \"project_id\": \"demo\",\n  \"private_key\": \"-----BEGIN "
                + "PRIVATE KEY-----\\n" + PASSWORD + "\\n-----END PRIVATE KEY-----\\n\"\n}";
        try (RigTokenIssuer issuer = rig.tokenIssuer().user("_json_key", jsonKey).start();
             RigRegistry target = rig.registry().name("login-sources-gcr").tokenAuth(issuer).start()) {
            Files.writeString(folder.resolve("gcr-key.json"), jsonKey + "\n");
            Logins logins = Logins.builder(env).namedRegistries(registries("""
                    gcr:
                      domain: %s
                      credentials:
                        username: _json_key
                        password_file: gcr-key.json
                    """.formatted(target.host()))).build();
            copyWith(logins, target, "demo/base:1");
            assertThat(issuer.requests()).anySatisfy(request -> assertThat(request.user()).isEqualTo("_json_key"));
        }
    }

    @Test
    void gcrKeyIsTradedForAnAccessTokenThatLogsInAsOauth2AccessToken() throws Exception {
        try (LoopbackGoogleToken google = new LoopbackGoogleToken("ya29." + PASSWORD, Duration.ofHours(1));
             RigRegistry target = rig.registry().name("login-sources-gcr-token").htpasswd("oauth2accesstoken", google.token(1))
                     .start()) {
            Files.writeString(folder.resolve("gcr-key.json"), google.jsonKey());
            Logins logins = Logins.builder(env).namedRegistries(registries("""
                    gcr:
                      domain: %s
                      credentials:
                        gcr:
                          key_file: gcr-key.json
                    """.formatted(target.host()))).build();
            copyWith(logins, target, "demo/base:1");
            assertThat(google.grants()).hasSize(1);
            assertThat(logins.masker().mask(google.token(1))).isEqualTo("****");
        }
    }

    @Test
    void refusedGcrKeyNamesTheRegistryAndFileWithoutTheKey() throws Exception {
        try (LoopbackGoogleToken google = new LoopbackGoogleToken("ya29." + PASSWORD, Duration.ofHours(1));
             LoopbackGoogleToken other = new LoopbackGoogleToken("ya29.other", Duration.ofHours(1));
             RigRegistry target = rig.registry().name("login-sources-gcr-refused").htpasswd("oauth2accesstoken", google.token(1))
                     .start()) {
            env.put("GCR_KEY", other.jsonKey().replace(other.tokenUri(), google.tokenUri()));
            Logins logins = Logins.builder(env).namedRegistries(registries("""
                    gcr:
                      domain: %s
                      credentials:
                        gcr:
                          key_env: GCR_KEY
                    """.formatted(target.host()))).build();
            assertThatThrownBy(() -> copyWith(logins, target, "demo/base:1"))
                    .hasMessage("get a Google access token with key_env GCR_KEY of registry \"gcr\": Error getting access "
                            + "token for service account: 400 Bad Request POST " + google.tokenUri() + " {\"error\":"
                            + "\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}, iss: "
                            + LoopbackGoogleToken.EMAIL);
        }
    }

    @Test
    void identityTokenIsTradedWithTheRefreshTokenGrant() throws Exception {
        try (RigTokenIssuer issuer = rig.tokenIssuer().refreshToken("refresh-" + PASSWORD, "ci").start();
             RigRegistry target = rig.registry().name("login-sources-identity").tokenAuth(issuer).start()) {
            Files.writeString(Path.of(env.get("DOCKER_CONFIG")).resolve("config.json"), "{\"auths\": {\"" + target.host()
                    + "\": {\"identitytoken\": \"refresh-" + PASSWORD + "\"}}}");
            copyWith(Logins.builder(env).build(), target, "prod/base:1");
            assertThat(issuer.requests()).isNotEmpty()
                    .allSatisfy(request -> assertThat(request.user()).isEqualTo("ci"));
        }
    }

    @Test
    void unknownIdentityTokenIsRefusedWithoutShowingIt() throws Exception {
        try (RigTokenIssuer issuer = rig.tokenIssuer().refreshToken("refresh-" + PASSWORD, "ci").start();
             RigRegistry target = rig.registry().name("login-sources-identity-refused").tokenAuth(issuer).start()) {
            Files.writeString(Path.of(env.get("DOCKER_CONFIG")).resolve("config.json"), "{\"auths\": {\"" + target.host()
                    + "\": {\"identitytoken\": \"stale-" + PASSWORD + "\"}}}");
            assertThatThrownBy(() -> copyWith(Logins.builder(env).build(), target, "prod/base:1"))
                    .hasMessage("get a token for " + target.host() + " from " + issuer.realm() + " (the login for "
                            + target.host() + " was refused: check the identity token): status 401 "
                            + "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"invalid refresh token\"}]}");
        }
    }

    @Test
    void registryTokenIsSentAsTheBearerTokenItself() throws Exception {
        try (RigTokenIssuer issuer = rig.tokenIssuer().user("ci", PASSWORD).start();
             RigRegistry target = rig.registry().name("login-sources-registry-token").tokenAuth(issuer).start()) {
            String scope = URLEncoder.encode("repository:prod/base:pull,push", StandardCharsets.UTF_8);
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(issuer.realm()
                    + "?service=" + URLEncoder.encode(target.host(), StandardCharsets.UTF_8) + "&scope=" + scope))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("ci:" + PASSWORD)
                            .getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            String token = new ObjectMapper().readTree(answer.body()).get("token").asText();
            Files.writeString(Path.of(env.get("DOCKER_CONFIG")).resolve("config.json"), "{\"auths\": {\"" + target.host()
                    + "\": {\"registrytoken\": \"" + token + "\"}}}");
            int before = issuer.requests().size();
            copyWith(Logins.builder(env).build(), target, "prod/base:1");
            assertThat(issuer.requests()).hasSize(before);
        }
    }
}
