package io.jenkins.plugins.registrysteps.engine.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DockerConfigFileTest {

    private static DockerConfigFile parse(String json) throws LoginException {
        return DockerConfigFile.parse(json.getBytes(StandardCharsets.UTF_8), "dockercfg");
    }

    private static String auth(String userAndPassword) {
        return Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void legacyDockercfgKeepsEntriesAtTheTop() throws Exception {
        DockerConfigFile file = parse("""
                {"quay.io": {"auth": "%s", "email": "."}}
                """.formatted(auth("team+robot:R0B0T")));
        assertThat(file.login("https://quay.io")).contains(new Credential("team+robot", "R0B0T"));
    }

    @Test
    void configJsonAuthsFindEveryDockerHubAlias() throws Exception {
        DockerConfigFile file = parse("""
                {"auths": {"https://index.docker.io/v1/": {"auth": "%s"}}, "HttpHeaders": {"User-Agent": "x"}}
                """.formatted(auth("hubuser:pa:ss")));
        for (String alias : new String[] {"docker.io", "index.docker.io", "registry-1.docker.io", "https://index.docker.io/v1/"}) {
            assertThat(file.login(alias)).as(alias).contains(new Credential("hubuser", "pa:ss"));
        }
    }

    @Test
    void usernameAndPasswordFieldsAreALoginToo() throws Exception {
        DockerConfigFile file = parse("""
                {"auths": {"http://localhost:5000/v2/": {"username": "ci", "password": "pw"}}}
                """);
        assertThat(file.login("localhost:5000")).contains(new Credential("ci", "pw"));
    }

    @Test
    void identityAndRegistryTokensKeepTheirKind() throws Exception {
        DockerConfigFile file = parse("""
                {"auths": {
                  "a.example.com": {"auth": "%s", "identitytoken": "refresh-me"},
                  "b.example.com": {"registrytoken": "bearer-me"}
                }}
                """.formatted(auth("<token>:")));
        assertThat(file.login("a.example.com")).contains(new Credential("<token>", "refresh-me", Credential.Kind.IDENTITY_TOKEN));
        assertThat(file.login("b.example.com")).contains(new Credential("", "bearer-me", Credential.Kind.REGISTRY_TOKEN));
    }

    @Test
    void credentialStoreSettingsAreRead() throws Exception {
        DockerConfigFile file = parse("""
                {"auths": {"quay.io": {}}, "credsStore": "desktop", "credHelpers": {"https://gcr.io": "gcloud"}}
                """);
        assertThat(file.login("quay.io")).isEmpty();
        assertThat(file.credsStore()).isEqualTo("desktop");
        assertThat(file.credHelpers()).containsEntry("gcr.io", "gcloud");
    }

    @Test
    void trailingTextIsReportedWhereItStarts() {
        assertThatThrownBy(() -> parse("{\"auths\": {}}\n}x"))
                .isInstanceOf(LoginException.class)
                .hasMessage("Failed to parse dockercfg: invalid character after top-level value at line 2, column 1 of dockercfg");
    }

    @Test
    void brokenJsonNamesLineAndColumnButNoWordOfTheFile() {
        assertThatThrownBy(() -> parse("{\"auths\": {\n  \"quay.io\": {\"auth\": s3cretword}}}"))
                .hasMessage("Failed to parse dockercfg: unrecognized word: was expecting (JSON String, Number, Array, Object "
                        + "or token 'null', 'true' or 'false') at line 2, column 34 of dockercfg");
    }

    @Test
    void authThatIsNotUserColonPasswordSaysWhichEntry() {
        assertThatThrownBy(() -> parse("{\"auths\": {\n  \"quay.io\": {\"auth\": \"bm9jb2xvbg==\"}}}"))
                .hasMessage("Failed to parse dockercfg: the \"auth\" of \"quay.io\" is not base64 of user:password "
                        + "at line 2, column 23 of dockercfg");
    }

    @Test
    void emptyFileSaysSo() {
        assertThatThrownBy(() -> parse(""))
                .hasMessage("Failed to parse dockercfg: the file is empty at line 1, column 1 of dockercfg");
    }

    @Test
    void wrongShapeSaysWhatIsExpected() {
        assertThatThrownBy(() -> parse("{\"auths\": [1]}"))
                .hasMessage("Failed to parse dockercfg: auths must be a JSON object at line 1, column 11 of dockercfg");
    }
}
