package io.jenkins.plugins.registrysteps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.registrysteps.engine.rig.Rig;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DemoCommandIT {

    @Test
    void demoRunsTheExamplePipelineOnItsOwnRegistryAndStopsIt() throws Exception {
        Rig rig = Rig.get();
        Cli cli = Cli.run("demo", "--docker-host", rig.dockerHost(), "--commit", "0123456789abcdef", "--json");
        assertThat(cli.exitCode()).as(cli.out() + cli.err()).isZero();
        Matcher started = Pattern.compile("started docker-registry on 127\\.0\\.0\\.1:(\\d+)").matcher(cli.err());
        assertThat(started.find()).as(cli.err()).isTrue();
        String registry = "127.0.0.1:" + started.group(1);

        JsonNode result = new ObjectMapper().readTree(cli.out());
        assertThat(result.get("passed").asBoolean()).isTrue();
        List<String> pushed = new ArrayList<>();
        for (JsonNode step : result.get("steps")) {
            for (JsonNode push : step.path("pushes")) {
                assertThat(push.get("registry").asText()).isEqualTo(registry);
                assertThat(push.get("repository").asText()).isEqualTo("demo/app");
                assertThat(push.get("digest").asText()).matches("sha256:[0-9a-f]{64}");
                assertThat(push.get("size").asLong()).isPositive();
                pushed.add(push.get("tags").get(0).asText());
            }
        }
        assertThat(pushed).containsExactlyInAnyOrder("master-01234567", "latest");
        assertThat(cli.err()).contains("[unit] unit tests passed");
        // what the demo started, it stopped
        assertThat(answers(Integer.parseInt(started.group(1)))).isFalse();
        assertThat(rig.docker("ps", "--all", "--quiet", "--filter", "label=io.jenkins.plugins.registry-steps").strip()).isEmpty();
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
