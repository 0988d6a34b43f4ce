package io.jenkins.plugins.registrysteps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Docker config files as the plugin reads them from credentials. */
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
    void configWithoutLoginsSaysWhatIsExpected() {
        IOException e = assertThrows(IOException.class, () -> EngineBridge.dockerConfigLogins(bytes("{\"auths\": {}}"), "f"));
        assertEquals("f holds no registry login: expected \"auths\" entries with \"auth\" or \"username\" and \"password\"",
                e.getMessage());
    }
}
