package io.jenkins.plugins.registrysteps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.registrysteps.engine.auth.LoginResolver;
import io.jenkins.plugins.registrysteps.engine.auth.Logins;
import io.jenkins.plugins.registrysteps.engine.auth.StepLogins;
import io.jenkins.plugins.registrysteps.engine.crypt.SecretMasker;
import io.jenkins.plugins.registrysteps.engine.plan.LoginSource;
import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Docker config files as the plugin reads them from credentials, and the build's logins as the engine resolves them. */
class EngineBridgeTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void configJsonAuthsGiveLoginsByHost() throws Exception {
        String auth = Base64.getEncoder().encodeToString(bytes("robot+ci:s3cret:x"));
        Map<String, Credential> logins = EngineBridge.dockerConfigLogins(bytes("{\"auths\": {"
                + "\"https://index.docker.io/v1/\": {\"auth\": \"" + auth + "\"},"
                + "\"localhost:5000\": {\"username\": \"u\", \"password\": \"p\"}}}"), "secret file f");
        assertEquals(new Credential("robot+ci", "s3cret:x"), logins.get("docker.io"));
        assertEquals(new Credential("u", "p"), logins.get("localhost:5000"));
    }

    @Test
    void legacyDockercfgHasNoAuthsKey() throws Exception {
        String auth = Base64.getEncoder().encodeToString(bytes("_json_key:{}"));
        Map<String, Credential> logins = EngineBridge.dockerConfigLogins(bytes("{\"https://gcr.io\": {\"auth\": \"" + auth
                + "\", \"email\": \"x@y\"}}"), "secret text t");
        assertEquals(new Credential("_json_key", "{}"), logins.get("gcr.io"));
    }

    @Test
    void invalidJsonIsReportedWithoutItsContent() {
        IOException e = assertThrows(IOException.class,
                () -> EngineBridge.dockerConfigLogins(bytes("hunter2-not-json"), "secret text t"));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().matches("Failed to parse dockercfg: .* at line 1, column \\d+ of secret text t"),
                e.getMessage());
    }

    @Test
    void explicitLoginsComeBeforeTheDockerConfig() throws Exception {
        RegistryLogins logins = new RegistryLogins();
        logins.add("https://index.docker.io/v1/", "me", "pw-of-the-build");
        SecretMasker masker = new SecretMasker();
        LoginResolver resolver = Logins.builder(Map.of()).dockercfg(dockerConfig("docker.io", "other", "old"))
                .masker(masker).build().resolver(logins.explicit(), line -> { });
        assertEquals(new Credential("me", "pw-of-the-build"),
                resolver.login("docker.io", LoginResolver.Purpose.PUSH).orElseThrow());
        assertEquals(SecretMasker.MASK, masker.mask("pw-of-the-build"));
    }

    @Test
    void runLoginsReachPushesAndPullsInMemory() throws Exception {
        RegistryLogins logins = new RegistryLogins();
        logins.add("localhost:5000", "u", "p");
        Path config = dockerConfig("localhost:5000", "other", "old");
        Logins run = logins.runLogins(Map.of()).dockercfg(config).build();
        LoginResolver resolver = run.resolver(StepLogins.of(LoginSource.NONE).pushingTo("localhost:5000"), line -> { });
        assertEquals(new Credential("u", "p"), resolver.login("localhost:5000", LoginResolver.Purpose.PUSH).orElseThrow());
        assertEquals(new Credential("u", "p"), resolver.pullLogins().get("localhost:5000"));
        assertEquals(List.of(config), listFiles(config.getParent()), "nothing written next to the config");
    }

    private static Path dockerConfig(String host, String user, String password) throws IOException {
        Path folder = Files.createTempDirectory("engine-bridge-test");
        folder.toFile().deleteOnExit();
        String auth = Base64.getEncoder().encodeToString(bytes(user + ":" + password));
        Path file = Files.writeString(folder.resolve("config.json"), "{\"auths\": {\"" + host + "\": {\"auth\": \"" + auth + "\"}}}");
        file.toFile().deleteOnExit();
        return file;
    }

    private static List<Path> listFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    @Test
    void configWithoutLoginsSaysWhatIsExpected() {
        IOException e = assertThrows(IOException.class, () -> EngineBridge.dockerConfigLogins(bytes("{\"auths\": {}}"), "f"));
        assertEquals("f holds no registry login: expected \"auths\" entries with \"auth\" or \"username\" and \"password\"",
                e.getMessage());
    }
}
