package io.jenkins.plugins.registrysteps.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.rig.Rig;
import io.jenkins.plugins.registrysteps.engine.rig.RigRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ImageConfigRewriterIT {

    private static final ImageSettings BAKED = new ImageSettings(
            List.of("sh", "-c", "echo $GREETING from $(pwd) as $(id -u)"), null, List.of("5000", "53/udp"),
            Map.of("GREETING", "hello"), Map.of("org.example.team", "platform"), "/tmp", "65534");

    private static Rig rig;
    private static RigRegistry source;
    private static RigRegistry target;
    private static RegistryClient client;

    @BeforeAll
    static void startServers() throws Exception {
        rig = Rig.get();
        source = rig.registry().name("rewrite-source").start();
        target = rig.registry().name("rewrite-target").start();
        rig.docker("tag", rig.baseImage(), source.host() + "/team/base:1");
        rig.docker("push", source.host() + "/team/base:1");
        client = RegistryClient.builder().build();
    }

    @AfterAll
    static void stopRegistries() {
        source.close();
        target.close();
    }

    @Test
    void bakedSettingsAreInTheConfigAndLayersAreTheOriginals() throws Exception {
        ImageReference from = ImageReference.parse(source.host() + "/team/base:1");
        ImageReference to = ImageReference.parse(target.host() + "/baked/app:1");
        new ImageConfigRewriter(client).rewrite(from, to, BAKED);

        List<Descriptor> original = client.pullManifest(from).references();
        List<Descriptor> rewritten = client.pullManifest(to).references();
        assertThat(rewritten.subList(1, rewritten.size())).isEqualTo(original.subList(1, original.size()));
        JsonNode config = new ObjectMapper().readTree(client.pullBlob(to, rewritten.get(0), 1 << 20)).get("config");
        assertThat(config.get("Cmd")).hasSize(3);
        assertThat(config.get("ExposedPorts").has("5000/tcp")).isTrue();
        assertThat(config.get("ExposedPorts").has("53/udp")).isTrue();
        assertThat(config.get("Env").toString()).contains("GREETING=hello");
        assertThat(config.get("Labels").get("org.example.team").asText()).isEqualTo("platform");
        assertThat(config.get("WorkingDir").asText()).isEqualTo("/tmp");
        assertThat(config.get("User").asText()).isEqualTo("65534");
    }

    @Test
    void theDaemonRunsTheBakedCommand() throws Exception {
        ImageReference to = ImageReference.parse(target.host() + "/baked/run:1");
        new ImageConfigRewriter(client).rewrite(ImageReference.parse(source.host() + "/team/base:1"), to, BAKED);
        rig.docker("pull", to.toString());
        String out = rig.docker("run", "--rm", "--network", "none", target.host() + "/baked/run:1");
        assertThat(out.strip()).isEqualTo("hello from /tmp as 65534");
    }

    @Test
    void sameRepositoryRewriteMovesOnlyTheNewConfig() throws Exception {
        ImageReference from = ImageReference.parse(source.host() + "/team/base:1");
        CopyResult result = new ImageConfigRewriter(client).rewrite(from, ImageReference.parse(source.host() + "/team/base:baked"),
                new ImageSettings(List.of("true"), null, null, null, null, null, null));
        assertThat(result.blobsUploaded()).isEqualTo(1);
        assertThat(result.blobsSkipped()).isEqualTo(client.pullManifest(from).references().size() - 1);
    }
}
