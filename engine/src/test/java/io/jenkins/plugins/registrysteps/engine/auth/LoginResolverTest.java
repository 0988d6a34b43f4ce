package io.jenkins.plugins.registrysteps.engine.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.registrysteps.engine.config.Located;
import io.jenkins.plugins.registrysteps.engine.config.Position;
import io.jenkins.plugins.registrysteps.engine.plan.LoginSource;
import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginResolverTest {

    @TempDir
    Path dir;
    private Path bin;
    private Path dockerConfig;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void folders() throws Exception {
        bin = Files.createDirectories(dir.resolve("bin"));
        dockerConfig = Files.createDirectories(dir.resolve("docker-config"));
        env.put("PATH", bin + ":/usr/bin:/bin");
        env.put("DOCKER_CONFIG", dockerConfig.toString());
    }

    private static String auth(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private void userConfig(String json) throws Exception {
        Files.writeString(dockerConfig.resolve("config.json"), json);
    }

    /** A credential helper as Docker runs it: the server address on stdin, JSON on stdout, every call logged. */
    private void helper(String name, String body) throws Exception {
        Path script = bin.resolve("docker-credential-" + name);
        Files.writeString(script, "#!/bin/sh\n[ \"$1\" = get ] || exit 3\nread server\necho \"$server\" >> "
                + dir.resolve(name + ".calls") + "\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<String> calls(String name) throws Exception {
        Path log = dir.resolve(name + ".calls");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private Logins.Builder logins() {
        return Logins.builder(env).home(dir.resolve("home")).projectFolder(dir);
    }

    @Test
    void userConfigIsReadFromDockerConfig() throws Exception {
        userConfig("{\"auths\": {\"https://index.docker.io/v1/\": {\"auth\": \"" + auth("hubuser", "hubpass") + "\"}}}");
        assertThat(logins().build().resolver().login("registry-1.docker.io", LoginResolver.Purpose.PUSH))
                .contains(new Credential("hubuser", "hubpass"));
    }

    @Test
    void noConfigAtAllMeansNoLogin() throws Exception {
        assertThat(logins().build().resolver().credentialFor("quay.io")).isEmpty();
    }

    @Test
    void credsStoreIsAskedWithDockersServerAddress() throws Exception {
        userConfig("{\"auths\": {\"https://index.docker.io/v1/\": {}}, \"credsStore\": \"store\"}");
        helper("store", """
                case "$server" in
                  https://index.docker.io/v1/) echo '{"ServerURL":"https://index.docker.io/v1/","Username":"hub","Secret":"from-store"}' ;;
                  *) echo "credentials not found in native keychain"; exit 1 ;;
                esac""");
        Logins logins = logins().build();
        assertThat(logins.resolver().credentialFor("docker.io")).contains(new Credential("hub", "from-store"));
        assertThat(logins.resolver().credentialFor("quay.io")).isEmpty();
        assertThat(calls("store")).containsExactly("https://index.docker.io/v1/", "quay.io");
    }

    @Test
    void credHelperOfARegistryWinsOverTheStoreAndTokenUserMeansIdentityToken() throws Exception {
        userConfig("{\"credsStore\": \"store\", \"credHelpers\": {\"gcr.io\": \"gcr\"}}");
        helper("store", "exit 9");
        helper("gcr", "echo '{\"Username\":\"<token>\",\"Secret\":\"refresh-token-1\"}'");
        assertThat(logins().build().resolver().credentialFor("https://gcr.io"))
                .contains(new Credential("<token>", "refresh-token-1", Credential.Kind.IDENTITY_TOKEN));
        assertThat(calls("store")).isEmpty();
    }

    @Test
    void helperMissingFromThePathSaysSo() throws Exception {
        userConfig("{\"credsStore\": \"osxkeychain\"}");
        assertThatThrownBy(() -> logins().build().resolver().credentialFor("quay.io"))
                .isInstanceOf(LoginException.class)
                .hasMessage("docker-credential-osxkeychain is not on the PATH: install it, or remove \"osxkeychain\" from "
                        + "credsStore/credHelpers of the docker config");
    }

    @Test
    void failingHelperReportsItsErrorAndExitCode() throws Exception {
        userConfig("{\"credHelpers\": {\"quay.io\": \"broken\"}}");
        helper("broken", "echo 'keychain is locked' >&2; exit 4");
        assertThatThrownBy(() -> logins().build().resolver().credentialFor("quay.io"))
                .hasMessage("docker-credential-broken get for quay.io failed with exit code 4: keychain is locked");
    }

    @Test
    void malformedUserConfigNamesTheFile() throws Exception {
        userConfig("{\"auths\": {\"quay.io\": {\"auth\": \"x\"}},}");
        assertThatThrownBy(() -> logins().build().resolver().credentialFor("quay.io"))
                .hasMessage("Failed to parse dockercfg: the \"auth\" of \"quay.io\" is not base64 of user:password at line 1, "
                        + "column 32 of " + dockerConfig.resolve("config.json"));
    }

    @Test
    void sourcesAreAskedInOrderExplicitEncryptedGeneratorUser() throws Exception {
        userConfig("{\"auths\": {\"quay.io\": {\"auth\": \"" + auth("user", "u") + "\"}, \"ghcr.io\": {\"auth\": \""
                + auth("user", "u") + "\"}, \"gcr.io\": {\"auth\": \"" + auth("user", "u") + "\"}}}");
        AtomicInteger decrypted = new AtomicInteger();
        AtomicInteger generated = new AtomicInteger();
        Logins logins = logins()
                .encryptedFiles(file -> {
                    decrypted.incrementAndGet();
                    assertThat(file).isEqualTo(dir.resolve("dockercfg.encrypted"));
                    return ("{\"quay.io\": {\"auth\": \"" + auth("encrypted", "e") + "\"}}").getBytes(StandardCharsets.UTF_8);
                })
                .generator((service, log) -> {
                    generated.incrementAndGet();
                    assertThat(service).isEqualTo("ecr_generator");
                    return ("{\"auths\": {\"quay.io\": {\"auth\": \"" + auth("generated", "g") + "\"}, \"ghcr.io\": {\"auth\": \""
                            + auth("generated", "g") + "\"}}}").getBytes(StandardCharsets.UTF_8);
                })
                .build();
        Located<String> encrypted = new Located<>("dockercfg.encrypted", new Position("codeship-steps.yml", 3, 29));
        Located<String> service = new Located<>("ecr_generator", new Position("codeship-steps.yml", 4, 22));
        StepLogins step = new StepLogins(Map.of("docker.io", new LoginSpec.Fixed(new Credential("explicit", "x"))),
                new LoginSource(encrypted, null), List.of(), List.of());
        LoginResolver resolver = logins.resolver(step, line -> { });
        assertThat(resolver.credentialFor("https://index.docker.io/v1/")).contains(new Credential("explicit", "x"));
        assertThat(resolver.credentialFor("quay.io")).contains(new Credential("encrypted", "e"));
        assertThat(resolver.credentialFor("gcr.io")).contains(new Credential("user", "u"));
        LoginResolver generatorStep = logins.resolver(StepLogins.of(new LoginSource(null, service)), line -> { });
        assertThat(generatorStep.credentialFor("ghcr.io")).contains(new Credential("generated", "g"));
        assertThat(generatorStep.credentialFor("quay.io")).contains(new Credential("generated", "g"));
        assertThat(logins.resolver(StepLogins.of(new LoginSource(encrypted, null)), line -> { }).credentialFor("quay.io"))
                .contains(new Credential("encrypted", "e"));
        assertThat(decrypted).hasValue(1);
        assertThat(generated).hasValue(1);
    }

    @Test
    void decryptedFileThatIsNoDockercfgSaysWhereAndHowToFixIt() throws Exception {
        Logins logins = logins().encryptedFiles(file -> "\u0007garbage".getBytes(StandardCharsets.ISO_8859_1)).build();
        Located<String> encrypted = new Located<>("dockercfg.encrypted", new Position("codeship-steps.yml", 5, 29));
        assertThatThrownBy(() -> logins.resolver(StepLogins.of(new LoginSource(encrypted, null)), line -> { }).credentialFor("quay.io"))
                .hasMessage("codeship-steps.yml:5:29: encrypted_dockercfg_path: Failed to parse dockercfg: Illegal character "
                        + "((CTRL-CHAR, code 7)): only regular white space (\\r, \\n, \\t) is allowed between tokens at line 1, "
                        + "column 2 of dockercfg.encrypted (decrypted): if the file itself is fine, it was encrypted with another "
                        + "key: re-download the project's AES key and re-encrypt it");
    }

    @Test
    void withoutAKeyAnEncryptedDockercfgSaysHowToGiveOne() {
        Located<String> encrypted = new Located<>("dockercfg.encrypted", new Position("codeship-steps.yml", 5, 29));
        assertThatThrownBy(() -> logins().build().resolver(StepLogins.of(new LoginSource(encrypted, null)), line -> { }).credentialFor("quay.io"))
                .hasMessage("cannot decrypt dockercfg.encrypted: no key: put the project's AES key in codeship.aes or name the "
                        + "credential that holds it");
    }

    @Test
    void everySecretHandedOutIsRegisteredForMasking() throws Exception {
        userConfig("{\"auths\": {\"quay.io\": {\"auth\": \"" + auth("robot", "r0b0t-pass") + "\"}}}");
        Logins logins = logins().build();
        logins.resolver().credentialFor("quay.io");
        assertThat(logins.masker().mask("login robot:r0b0t-pass " + auth("robot", "r0b0t-pass")))
                .isEqualTo("login robot:**** ****");
    }

    @Test
    void pullLoginsForBuildsHoldEverySourceKeyedByServerAddress() throws Exception {
        userConfig("{\"auths\": {\"docker.io\": {\"auth\": \"" + auth("hub", "h") + "\"}, \"quay.io\": {\"auth\": \""
                + auth("user", "u") + "\"}}}");
        Logins logins = logins().encryptedFiles(file -> ("{\"quay.io\": {\"auth\": \"" + auth("encrypted", "e") + "\"}}")
                .getBytes(StandardCharsets.UTF_8)).build();
        Located<String> encrypted = new Located<>("dockercfg.encrypted", new Position("codeship-steps.yml", 3, 29));
        Map<String, Credential> pulls = logins.resolver(StepLogins.of(new LoginSource(encrypted, null)), line -> { }).pullLogins();
        assertThat(new ArrayList<>(pulls.keySet())).containsExactlyInAnyOrder("https://index.docker.io/v1/", "quay.io");
        assertThat(pulls.get("quay.io")).isEqualTo(new Credential("encrypted", "e"));
    }
}
