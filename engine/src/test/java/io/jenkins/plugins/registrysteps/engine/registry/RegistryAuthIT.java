package io.jenkins.plugins.registrysteps.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.rig.Rig;
import io.jenkins.plugins.registrysteps.engine.rig.RigRegistry;
import io.jenkins.plugins.registrysteps.engine.rig.RigTokenIssuer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RegistryAuthIT {

    private static final String PASSWORD = "s3cret-Pa55";

    private static Rig rig;
    private static RigRegistry source;
    private static ImageReference image;

    @BeforeAll
    static void startServers() throws Exception {
        rig = Rig.get();
        source = rig.registry().name("auth-source").start();
        rig.docker("tag", rig.baseImage(), source.host() + "/team/base:1");
        rig.docker("push", source.host() + "/team/base:1");
        image = ImageReference.parse(source.host() + "/team/base:1");
    }

    @AfterAll
    static void stopRegistry() {
        source.close();
    }

    private static RegistryClient clientWith(RigRegistry registry, String user, String password) throws Exception {
        return RegistryClient.builder()
                .credentials(host -> host.equals(registry.host()) ? Optional.of(new Credential(user, password)) : Optional.empty())
                .build();
    }

    @Test
    void basicLoginIsGivenWhenChallenged() throws Exception {
        try (RigRegistry target = rig.registry().name("auth-basic").htpasswd("robot", PASSWORD).start()) {
            RegistryClient client = clientWith(target, "robot", PASSWORD);
            CopyResult result = new ImageCopier(client).copy(image, ImageReference.parse(target.host() + "/prod/base:1"));
            assertThat(client.manifestDigest(ImageReference.parse(target.host() + "/prod/base:1"))).contains(result.digest());
        }
    }

    @Test
    void refusedBasicLoginSaysSoWithoutTheSecret() throws Exception {
        try (RigRegistry target = rig.registry().name("auth-refused").htpasswd("robot", PASSWORD).start()) {
            RegistryClient client = clientWith(target, "robot", "wrong-" + PASSWORD);
            assertThatThrownBy(() -> new ImageCopier(client).copy(image, ImageReference.parse(target.host() + "/prod/base:1")))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("status 401")
                    .hasMessageContaining("check the credentials")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
        }
    }

    @Test
    void missingLoginNamesTheRegistry() throws Exception {
        try (RigRegistry target = rig.registry().name("auth-none").htpasswd("robot", PASSWORD).start()) {
            assertThatThrownBy(() -> new ImageCopier(RegistryClient.builder().build())
                    .copy(image, ImageReference.parse(target.host() + "/prod/base:1")))
                    .hasMessageContaining(target.host() + " needs a login");
        }
    }

    @Test
    void bearerTokensAreFetchedPerScopeAndReused() throws Exception {
        try (RigTokenIssuer issuer = rig.tokenIssuer().user("ci", PASSWORD).start();
             RigRegistry target = rig.registry().name("auth-token").tokenAuth(issuer).start()) {
            RegistryClient client = clientWith(target, "ci", PASSWORD);
            ImageReference promoted = ImageReference.parse(target.host() + "/prod/base:1");
            new ImageCopier(client).copy(image, promoted);
            new Retagger(client).retag(promoted, List.of("stable"));
            int tokens = issuer.requests().size();
            new Retagger(client).retag(promoted, List.of("v1", "v2"));
            assertThat(issuer.requests()).hasSize(tokens);
            assertThat(issuer.requests()).allSatisfy(request -> assertThat(request.user()).isEqualTo("ci"));
            assertThat(client.manifestDigest(ImageReference.parse(target.host() + "/prod/base:v2")))
                    .isEqualTo(client.manifestDigest(promoted));
        }
    }

    @Test
    void refusedTokenLoginSaysSoWithoutTheSecret() throws Exception {
        try (RigTokenIssuer issuer = rig.tokenIssuer().user("ci", PASSWORD).start();
             RigRegistry target = rig.registry().name("auth-token-refused").tokenAuth(issuer).start()) {
            RegistryClient client = clientWith(target, "ci", "nope-" + PASSWORD);
            assertThatThrownBy(() -> new ImageCopier(client).copy(image, ImageReference.parse(target.host() + "/prod/base:1")))
                    .hasMessageContaining("the login for " + target.host() + " was refused")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
        }
    }

    @Test
    void privateCaIsTrustedWhenGiven() throws Exception {
        try (RigRegistry target = rig.registry().name("auth-tls").tls().start()) {
            RegistryClient client = RegistryClient.builder().caCertificate(target.caCertificate()).build();
            CopyResult result = new ImageCopier(client).copy(image, ImageReference.parse(target.host() + "/prod/base:1"));
            assertThat(result.blobsUploaded()).isPositive();
        }
    }

    @Test
    void untrustedCertificateIsReportedNotBypassed() throws Exception {
        try (RigRegistry target = rig.registry().name("auth-tls-untrusted").tls().start()) {
            assertThatThrownBy(() -> new ImageCopier(RegistryClient.builder().build())
                    .copy(image, ImageReference.parse(target.host() + "/prod/base:1")))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("its TLS certificate is not trusted; give its CA certificate");
        }
    }
}
