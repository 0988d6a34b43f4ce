package io.jenkins.plugins.registrysteps.engine.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.registrysteps.engine.crypt.SecretMasker;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.plan.LoginSource;
import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuppliedLoginsTest {

    private static final String ECR = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";

    @TempDir
    Path dir;

    private Path dockerConfig(String host, String user, String password) throws IOException {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return Files.writeString(dir.resolve("config.json"), "{\"auths\": {\"" + host + "\": {\"auth\": \"" + auth + "\"}}}");
    }

    private static SuppliedLogins supplied() {
        return new SuppliedLogins("Jenkins credentials");
    }

    @Test
    void loginsByHostComeBeforeTheDockerConfigAndAreMasked() throws Exception {
        SuppliedLogins logins = supplied();
        logins.add("https://index.docker.io/v1/", new LoginSpec.Fixed(new Credential("me", "pw-of-the-build")));
        SecretMasker masker = new SecretMasker();
        LoginResolver resolver = Logins.builder(Map.of()).dockercfg(dockerConfig("docker.io", "other", "old"))
                .masker(masker).build().resolver(logins.explicit(), line -> { });

        assertThat(resolver.login("docker.io", LoginResolver.Purpose.PUSH)).contains(new Credential("me", "pw-of-the-build"));
        assertThat(masker.mask("pw-of-the-build")).isEqualTo(SecretMasker.MASK);
    }

    @Test
    void aRunGetsTheLoginsForPushesAndPullsInMemoryWritingNothing() throws Exception {
        SuppliedLogins logins = supplied();
        logins.add("localhost:5000", new LoginSpec.Fixed(new Credential("u", "p")));
        Path config = dockerConfig("localhost:5000", "other", "old");
        Logins run = logins.runLogins(Map.of()).dockercfg(config).build();
        LoginResolver resolver = run.resolver(StepLogins.of(LoginSource.NONE).pushingTo("localhost:5000"), line -> { });

        assertThat(resolver.login("localhost:5000", LoginResolver.Purpose.PUSH)).contains(new Credential("u", "p"));
        assertThat(resolver.pullLogins()).containsEntry("localhost:5000", new Credential("u", "p"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(config);
        }
    }

    @Test
    void namedRegistriesReachTheRunUnderTheirNamesWithTheirOwnLoginsAndPrefix() throws Exception {
        SuppliedLogins team = supplied();
        team.add("localhost:5000", new LoginSpec.Fixed(new Credential("team-user", "team-pw")));
        team.add("other.example:5000", new LoginSpec.Fixed(new Credential("x", "y")));
        SuppliedLogins logins = supplied();
        logins.addNamed("team", "localhost:5000", "acme", false, team);
        logins.addNamed("mirror", "http://localhost:5000/", null, true, null);
        Logins run = logins.runLogins(Map.of()).dockercfg(dockerConfig("localhost:5000", "other", "old")).build();

        assertThat(run.namedRegistries().named("team").orElseThrow().prefix().value()).isEqualTo("acme");
        assertThat(run.namedRegistries().pushTarget("team", ImageReference.parse("app:1")))
                .hasToString("localhost:5000/acme/app:1");
        LoginResolver toTeam = run.resolver(StepLogins.of(LoginSource.NONE).pushingTo("team"), line -> { });
        assertThat(toTeam.login("localhost:5000", LoginResolver.Purpose.PUSH)).contains(new Credential("team-user", "team-pw"));
        // a push to the host itself goes through its primary registry, which has no login: the docker config's
        LoginResolver toHost = run.resolver(StepLogins.of(LoginSource.NONE).pushingTo("localhost:5000"), line -> { });
        assertThat(toHost.login("localhost:5000", LoginResolver.Purpose.PUSH)).contains(new Credential("other", "old"));
        // the team credentials' other host is kept by host
        assertThat(logins.forRegistry("other.example:5000")).contains(new LoginSpec.Fixed(new Credential("x", "y")));
    }

    @Test
    void theMaskerHidesEverySecretAndTheTextFormShowsNone() {
        SuppliedLogins ecr = supplied();
        ecr.add(ECR, new LoginSpec.Ecr("AKIAEXAMPLE", "aws-secret", "eu-west-1", "123456789012", null, "aws-session"));
        SuppliedLogins logins = supplied();
        logins.add("localhost:5000", new LoginSpec.Fixed(new Credential("u", "pw-1")));
        logins.add("gcr.io", CloudRegistries.serviceAccountLogin("{\"type\": \"service_account\"}", "gcr.io", "credentials 'g'"));
        logins.addNamed("ecr", ECR, null, true, ecr);

        SecretMasker masker = logins.masker();
        for (String secret : List.of("pw-1", "aws-secret", "aws-session", "{\"type\": \"service_account\"}")) {
            assertThat(masker.mask("x " + secret + " y")).isEqualTo("x " + SecretMasker.MASK + " y");
            assertThat(logins.toString()).doesNotContain(secret);
        }
        assertThat(logins).hasToString("SuppliedLogins[localhost:5000, gcr.io][ecr]");
    }

    @Test
    void theyTravelSerializedAndArriveWhole() throws Exception {
        SuppliedLogins logins = supplied();
        logins.add("localhost:5000", new LoginSpec.Fixed(new Credential("u", "token", Credential.Kind.IDENTITY_TOKEN)));
        logins.addNamed("ecr", ECR, "team", true, null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(logins);
        }
        SuppliedLogins back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (SuppliedLogins) in.readObject();
        }
        assertThat(back.forRegistry("localhost:5000"))
                .contains(new LoginSpec.Fixed(new Credential("u", "token", Credential.Kind.IDENTITY_TOKEN)));
        assertThat(back.runLogins(Map.of()).build().namedRegistries().named("ecr").orElseThrow().prefix().value())
                .isEqualTo("team");
    }
}
