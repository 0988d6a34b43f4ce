package io.jenkins.plugins.registrysteps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.registrysteps.engine.rig.Rig;
import io.jenkins.plugins.registrysteps.engine.rig.RigRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StepsCommandIT {

    private static Rig rig;
    private static RigRegistry registry;

    @BeforeAll
    static void startServers() {
        rig = Rig.get();
        rig.baseImage();
        registry = rig.registry().name("steps-cli").start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    private static Cli steps(String stepsYaml, String... more) throws Exception {
        Path project = Files.createTempDirectory(rig.dir(), "cli-project-");
        Files.writeString(project.resolve("Dockerfile"), "FROM " + rig.baseImage() + "\nCMD [\"true\"]\n");
        Files.writeString(project.resolve("codeship-services.yml"), "app:\n  build:\n    image: registry-steps/cli-app\n"
                + "  environment:\n    GREETING: hello\n");
        Files.writeString(project.resolve("codeship-steps.yml"), stepsYaml);
        String[] args = {"steps", "--services", project.resolve("codeship-services.yml").toString(), "--steps",
            project.resolve("codeship-steps.yml").toString(), "--branch", "master", "--commit", "0123456789",
            "--docker-host", rig.dockerHost(), "--network", "none"};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return Cli.run(all);
    }

    @Test
    void passingPipelineStreamsOutputAndSummarises() throws Exception {
        Cli cli = steps("""
                - name: greet
                  service: app
                  command: sh -c 'echo $GREETING from $CI_BRANCH'
                - name: ship
                  service: app
                  type: push
                  image_name: %s/team/app
                  image_tag: "{{ .Branch }}"
                """.formatted(registry.host()));
        assertThat(cli.exitCode()).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains("[greet] hello from master\n")
                .contains("[greet] passed in ")
                .containsPattern("\\[ship\\] passed in [0-9.]+ s: " + registry.host().replace(".", "\\.") + "/team/app:master@sha256:")
                .endsWith("all steps passed\n");
    }

    @Test
    void failingStepExitsWithOneAndSkipsTheRest() throws Exception {
        Cli cli = steps("""
                - name: broken
                  service: app
                  command: sh -c "exit 2"
                - name: later
                  service: app
                  command: true
                """, "--json");
        assertThat(cli.exitCode()).isEqualTo(1);
        JsonNode result = new ObjectMapper().readTree(cli.out());
        assertThat(result.get("passed").asBoolean()).isFalse();
        assertThat(result.get("steps").get(0).get("detail").asText()).isEqualTo("the command exited with 2");
        assertThat(result.get("steps").get(1).get("status").asText()).isEqualTo("skipped");
    }

    @Test
    void invalidFilesExitWithTwoBeforeAnythingRuns() throws Exception {
        Cli cli = steps("- service: nope\n  command: true\n");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("unknown service \"nope\"");
    }
}
