package io.jenkins.plugins.registrysteps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.registrysteps.engine.rig.Rig;
import io.jenkins.plugins.registrysteps.engine.rig.RigRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RegistryCommandsIT {

    private static RigRegistry first;
    private static RigRegistry second;
    private static String image;

    @BeforeAll
    static void startServers() {
        Rig rig = Rig.get();
        first = rig.registry().name("cli-first").start();
        second = rig.registry().name("cli-second").start();
        image = first.host() + "/team/app:1";
        rig.docker("tag", rig.baseImage(), image);
        rig.docker("push", image);
    }

    @AfterAll
    static void stopRegistries() {
        first.close();
        second.close();
    }

    @Test
    void copyPrintsTheDigestOfTheCopiedImage() {
        Cli copy = Cli.run("copy", image, second.host() + "/prod/app:1");
        assertThat(copy.exitCode()).as(copy.err()).isZero();
        assertThat(copy.out().strip()).matches("sha256:[0-9a-f]{64}");
        assertThat(copy.err()).contains("blobs uploaded");
    }

    @Test
    void copyJsonSaysWhatMoved() throws Exception {
        Cli copy = Cli.run("copy", image, first.host() + "/mounted/app:1", "--json");
        JsonNode result = new ObjectMapper().readTree(copy.out());
        assertThat(result.get("bytesUploaded").asLong()).isZero();
        assertThat(result.get("blobsMounted").asInt()).isPositive();
    }

    @Test
    void retagAddsEveryTag() throws Exception {
        Cli retag = Cli.run("retag", image, "stable", "v1", "--json");
        assertThat(retag.exitCode()).as(retag.err()).isZero();
        JsonNode result = new ObjectMapper().readTree(retag.out());
        Cli check = Cli.run("copy", first.host() + "/team/app:v1", second.host() + "/check/app:v1");
        assertThat(check.out().strip()).isEqualTo(result.get("digest").asText());
    }

    @Test
    void missingImageFailsWithExitOneAndTheFailedRequest() {
        Cli copy = Cli.run("copy", first.host() + "/team/none:1", second.host() + "/x/y:1");
        assertThat(copy.exitCode()).isEqualTo(1);
        assertThat(copy.err()).startsWith("error: get manifest " + first.host() + "/team/none:1: status 404");
    }

    @Test
    void invalidReferenceIsBadInput() {
        Cli copy = Cli.run("copy", "Upper/Case", second.host() + "/x/y:1");
        assertThat(copy.exitCode()).isEqualTo(2);
        assertThat(copy.err()).contains("repository name must be lowercase");
    }

    @Test
    void invalidTagIsBadInput() {
        Cli retag = Cli.run("retag", image, "-bad");
        assertThat(retag.exitCode()).isEqualTo(2);
    }
}
