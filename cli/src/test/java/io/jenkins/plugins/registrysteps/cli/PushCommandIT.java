package io.jenkins.plugins.registrysteps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import io.jenkins.plugins.registrysteps.engine.registry.RegistryClient;
import io.jenkins.plugins.registrysteps.engine.rig.Rig;
import io.jenkins.plugins.registrysteps.engine.rig.RigRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushCommandIT {

    @Test
    void pushesALocalImageUnderEveryTagAndNameGiven() throws Exception {
        Rig rig = Rig.get();
        try (RigRegistry registry = rig.registry().name("push-cli").start()) {
            Cli cli = Cli.run("push", rig.baseImage(), "--tag", "1.0", "--tag", "stable", "--registry", registry.host(),
                    "--image-name", "tools/busybox", "--docker-host", rig.dockerHost(), "--json");
            assertThat(cli.exitCode()).as(cli.out() + cli.err()).isZero();
            JsonNode push = new ObjectMapper().readTree(cli.out());
            assertThat(push.get("registry").asText()).isEqualTo(registry.host());
            assertThat(push.get("repository").asText()).isEqualTo("tools/busybox");
            assertThat(push.get("tags").toString()).isEqualTo("[\"1.0\",\"stable\"]");
            RegistryClient client = RegistryClient.builder().build();
            for (String tag : new String[] {"1.0", "stable"}) {
                assertThat(client.manifestDigest(ImageReference.parse(registry.host() + "/tools/busybox:" + tag)).orElseThrow()
                        .toString()).isEqualTo(push.get("digest").asText());
            }
            assertThat(push.get("size").asLong()).isPositive();
            // the registry engine pushed, not the daemon: no request came from dockerd's client
            assertThat(registry.accessLog()).isNotEmpty().noneMatch(line -> line.contains("\"docker/"));
            assertThat(cli.err()).doesNotContain("through the Docker daemon");
        }
    }

    @Test
    void unreachableRegistryExitsWithOneNamingThePush() throws Exception {
        Rig rig = Rig.get();
        Cli cli = Cli.run("push", rig.baseImage(), "--registry", "127.0.0.1:1", "--docker-host", rig.dockerHost());
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("error: push 127.0.0.1:1/registry-steps/busybox:rig: ");
    }

    @Test
    void onePushReachesSeveralRegistriesEachWithItsOwnLogin(@TempDir Path dir) throws Exception {
        Rig rig = Rig.get();
        try (RigRegistry open = rig.registry().name("push-cli-open").start();
                RigRegistry guarded = rig.registry().name("push-cli-guarded").htpasswd("pusher", "s3cret-pw").start()) {
            Path dockercfg = dir.resolve("config.json");
            Files.writeString(dockercfg, "{\"auths\": {\"" + guarded.host() + "\": {\"auth\": \""
                    + Base64.getEncoder().encodeToString("pusher:s3cret-pw".getBytes(StandardCharsets.UTF_8)) + "\"}}}");
            Cli cli = Cli.run("push", rig.baseImage(), "--tag", "2.0", "--registry", open.host(), "--registry", guarded.host(),
                    "--image-name", "tools/busybox", "--dockercfg", dockercfg.toString(), "--docker-host", rig.dockerHost(),
                    "--json");
            assertThat(cli.exitCode()).as(cli.out() + cli.err()).isZero();
            JsonNode pushes = new ObjectMapper().readTree(cli.out());
            assertThat(pushes.size()).isEqualTo(2);
            assertThat(pushes.get(0).get("registry").asText()).isEqualTo(open.host());
            assertThat(pushes.get(1).get("registry").asText()).isEqualTo(guarded.host());
            String digest = pushes.get(0).get("digest").asText();
            assertThat(pushes.get(1).get("digest").asText()).isEqualTo(digest);
            RegistryClient anonymous = RegistryClient.builder().build();
            assertThat(anonymous.manifestDigest(ImageReference.parse(open.host() + "/tools/busybox:2.0")).orElseThrow())
                    .hasToString(digest);
            RegistryClient loggedIn = RegistryClient.builder()
                    .credentials(host -> Optional.of(new Credential("pusher", "s3cret-pw"))).build();
            assertThat(loggedIn.manifestDigest(ImageReference.parse(guarded.host() + "/tools/busybox:2.0")).orElseThrow())
                    .hasToString(digest);
            assertThat(cli.out() + cli.err()).doesNotContain("s3cret-pw");
        }
    }
}
