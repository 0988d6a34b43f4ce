package io.jenkins.plugins.registrysteps.engine.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.registrysteps.engine.config.ConfigException;
import io.jenkins.plugins.registrysteps.engine.config.Located;
import io.jenkins.plugins.registrysteps.engine.config.Position;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.plan.LoginSource;
import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamedRegistriesTest {

    @TempDir
    Path dir;

    private static final String TWO_HUBS = """
            dockerhub:
              domain: https://index.docker.io/v1/
              primary: true
              credentials:
                username: first
                password_env: HUB1
            second-dockerhub:
              domain: docker.io
              credentials:
                username_env: HUB2_USER
                password_env: HUB2
            azure-demo:
              domain: kostisazureregistry.azurecr.io
              prefix: acme-company
            """;

    private NamedRegistries load(String yaml) throws Exception {
        Path file = dir.resolve("registries.yml");
        Files.writeString(file, yaml);
        return NamedRegistries.load(file);
    }

    private String errors(String yaml) throws Exception {
        try {
            load(yaml);
            throw new AssertionError("no error");
        } catch (ConfigException e) {
            return e.getMessage().replace(dir.resolve("registries.yml").toString(), "registries.yml");
        }
    }

    @Test
    void pushToANamedRegistryGoesToItsDomainUnderItsPrefix() throws Exception {
        NamedRegistries named = load(TWO_HUBS);
        assertThat(named.pushTarget("azure-demo", ImageReference.parse("trivial-go-web:latest")))
                .hasToString("kostisazureregistry.azurecr.io/acme-company/trivial-go-web:latest");
        assertThat(named.pushTarget("azure-demo", ImageReference.parse("acme-company/trivial-go-web:1")))
                .hasToString("kostisazureregistry.azurecr.io/acme-company/trivial-go-web:1");
        assertThat(named.pushTarget("azure-demo", ImageReference.parse("us.gcr.io/project/my-golang-app:1.2.3")))
                .hasToString("kostisazureregistry.azurecr.io/acme-company/project/my-golang-app:1.2.3");
        assertThat(named.pushTarget("quay.io", ImageReference.parse("quay.io/team/app:1"))).hasToString("quay.io/team/app:1");
    }

    @Test
    void unknownRegistryNameListsTheKnownOnes() throws Exception {
        assertThatThrownBy(() -> load(TWO_HUBS).pushTarget("azure", ImageReference.parse("app")))
                .hasMessage("registry \"azure\" is neither a registry host nor a named registry: the registries in "
                        + dir.resolve("registries.yml") + " are dockerhub, second-dockerhub, azure-demo");
        assertThatThrownBy(() -> NamedRegistries.NONE.pushTarget("azure", ImageReference.parse("app")))
                .hasMessage("registry \"azure\" is neither a registry host nor a named registry: no registries file was "
                        + "given (--registries FILE)");
    }

    @Test
    void pullsUseTheRegistryContextElseThePrimaryAndPushesTheNamedRegistry() throws Exception {
        Logins logins = Logins.builder(Map.of("HUB1", "one", "HUB2_USER", "second", "HUB2", "two", "DOCKER_CONFIG", dir.toString()))
                .namedRegistries(load(TWO_HUBS)).build();
        Located<String> context = new Located<>("second-dockerhub", new Position("codeship-steps.yml", 2, 21));
        LoginResolver plain = logins.resolver();
        LoginResolver withContext = logins.resolver(StepLogins.of(new LoginSource(null, null, List.of(context))), line -> { });
        LoginResolver pushingToSecond = logins.resolver(StepLogins.NONE.pushingTo("second-dockerhub"), line -> { });
        assertThat(plain.login("index.docker.io", LoginResolver.Purpose.PULL)).contains(new Credential("first", "one"));
        assertThat(withContext.login("docker.io", LoginResolver.Purpose.PULL)).contains(new Credential("second", "two"));
        assertThat(withContext.login("docker.io", LoginResolver.Purpose.PUSH)).contains(new Credential("first", "one"));
        assertThat(pushingToSecond.login("docker.io", LoginResolver.Purpose.PUSH)).contains(new Credential("second", "two"));
        assertThat(withContext.pullLogins()).containsEntry("https://index.docker.io/v1/", new Credential("second", "two"));
    }

    @Test
    void unsetVariableSaysWhichAndWhere() throws Exception {
        Logins logins = Logins.builder(Map.of("DOCKER_CONFIG", dir.toString())).namedRegistries(load(TWO_HUBS)).build();
        assertThatThrownBy(() -> logins.resolver().credentialFor("docker.io"))
                .hasMessage(dir.resolve("registries.yml") + ":6:19: environment variable HUB1 of registry \"dockerhub\" is not "
                        + "set: set it, or fix the name");
    }

    @Test
    void unknownRegistryContextSaysSo() throws Exception {
        Logins logins = Logins.builder(Map.of("DOCKER_CONFIG", dir.toString())).namedRegistries(load(TWO_HUBS)).build();
        Located<String> context = new Located<>("staging-gcr", new Position("codeship-steps.yml", 2, 21));
        assertThatThrownBy(() -> logins.resolver(StepLogins.of(new LoginSource(null, null, List.of(context))), line -> { })
                .login("gcr.io", LoginResolver.Purpose.PULL))
                .hasMessage("registry_context \"staging-gcr\" is neither a registry host nor a named registry: the registries in "
                        + dir.resolve("registries.yml") + " are dockerhub, second-dockerhub, azure-demo");
    }

    @Test
    void registriesSharingADomainNeedOnePrimary() throws Exception {
        assertThat(errors(TWO_HUBS.replace("  primary: true\n", ""))).isEqualTo("registries.yml:6:1: error: registries "
                + "\"dockerhub\", \"second-dockerhub\" all serve docker.io: mark the one pulls of docker.io use with \"primary: true\"");
        assertThat(errors(TWO_HUBS.replace("  domain: docker.io\n", "  domain: docker.io\n  primary: yes\n")))
                .isEqualTo("registries.yml:7:1: error: registries \"dockerhub\", \"second-dockerhub\" are all primary for "
                        + "docker.io: keep \"primary: true\" on one");
    }

    @Test
    void credentialsErrorsSayWhatToWrite() throws Exception {
        assertThat(errors("""
                quay:
                  domain: quay.io
                  credentials:
                    username: robot
                ecr:
                  credentials:
                    ecr:
                      region: eu-west-1
                      secret_key: abc
                nodomain:
                  prefix: x
                """)).isEqualTo("""
                registries.yml:4:5: error: credentials of registry "quay" has a user but no password: add password_env or password_file
                registries.yml:5:1: error: registry "ecr" has no domain: write the registry host, e.g. domain: quay.io
                registries.yml:9:7: error: "secret_key" does not belong in ecr of credentials of registry "ecr": write the name of \
                the environment variable that holds it as secret_key_env
                registries.yml:10:1: error: registry "nodomain" has no domain: write the registry host, e.g. domain: quay.io""");
    }

    @Test
    void gcrErrorsSayWhatToWrite() throws Exception {
        assertThat(errors("""
                gcr:
                  domain: gcr.io
                  credentials:
                    gcr:
                      key_file: gcr-key.json
                      key_env: GCR_KEY
                artifact:
                  domain: europe-docker.pkg.dev
                  credentials:
                    username: _json_key
                    password_file: gcr-key.json
                    gcr:
                      key: abc
                """)).isEqualTo("""
                registries.yml:5:7: error: gcr of credentials of registry "gcr" gives the key twice: keep key_file or key_env \
                (or neither: then Application Default Credentials are used)
                registries.yml:10:5: error: credentials of registry "artifact" mixes kinds of login: give a user and password, \
                or dockercfg, or ecr, or gcr
                registries.yml:13:7: error: "key" does not belong in gcr of credentials of registry "artifact": write the name \
                of a file that holds the JSON key as key_file, or of an environment variable as key_env""");
    }

    @Test
    void gcrKeyFileThatCannotBeReadSaysWhichAndWhere() throws Exception {
        Logins logins = Logins.builder(Map.of("DOCKER_CONFIG", dir.toString())).namedRegistries(load("""
                gcr:
                  domain: gcr.io
                  credentials:
                    gcr:
                      key_file: missing-key.json
                """)).build();
        assertThatThrownBy(() -> logins.resolver().credentialFor("gcr.io"))
                .hasMessage(dir.resolve("registries.yml") + ":5:17: key_file missing-key.json of registry \"gcr\" cannot be "
                        + "read (" + dir.resolve("missing-key.json") + ")");
    }

    @Test
    void ecrRegistryWithoutDomainServesItsAccountsHost() throws Exception {
        NamedRegistries named = load("""
                ecr-prod:
                  credentials:
                    ecr:
                      region: eu-west-1
                      registry_id: "123456789012"
                """);
        assertThat(named.pushTarget("ecr-prod", ImageReference.parse("app:1")))
                .hasToString("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1");
    }

    @Test
    void dockercfgReferenceUsesTheDomainsEntryAndSaysWhenThereIsNone() throws Exception {
        Files.writeString(dir.resolve("hub-config.json"), "{\"auths\": {\"https://index.docker.io/v1/\": {\"username\": \"hub\", "
                + "\"password\": \"hub-pass\"}}}");
        Logins logins = Logins.builder(Map.of("DOCKER_CONFIG", dir.toString())).namedRegistries(load("""
                dockerhub:
                  domain: docker.io
                  credentials:
                    dockercfg: hub-config.json
                quay:
                  domain: quay.io
                  credentials:
                    dockercfg: hub-config.json
                """)).build();
        assertThat(logins.resolver().credentialFor("registry-1.docker.io")).contains(new Credential("hub", "hub-pass"));
        assertThatThrownBy(() -> logins.resolver().credentialFor("quay.io"))
                .hasMessage(dir.resolve("registries.yml") + ":8:16: dockercfg hub-config.json of registry \"quay\" holds no login "
                        + "for quay.io");
    }
}
