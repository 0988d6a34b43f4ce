package io.jenkins.plugins.registrysteps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.registry.RegistryClient;
import io.jenkins.plugins.registrysteps.engine.rig.Rig;
import io.jenkins.plugins.registrysteps.engine.rig.RigRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    private static String[] stepsArgs(String stepsYaml, String... more) throws Exception {
        Path project = Files.createTempDirectory(rig.dir(), "cli-project-");
        Files.writeString(project.resolve("Dockerfile"), "FROM " + rig.baseImage() + "\nCMD [\"true\"]\n");
        Files.writeString(project.resolve("codeship-services.yml"), "app:\n  build:\n    image: registry-steps/cli-app\n"
                + "  environment:\n    GREETING: hello\n");
        Files.writeString(project.resolve("codeship-steps.yml"), stepsYaml);
        List<String> args = new ArrayList<>(List.of("steps", "--services", project.resolve("codeship-services.yml").toString(),
                "--steps", project.resolve("codeship-steps.yml").toString(), "--branch", "master", "--commit", "0123456789",
                "--docker-host", rig.dockerHost(), "--network", "none"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static Cli steps(String stepsYaml, String... more) throws Exception {
        return Cli.run(stepsArgs(stepsYaml, more));
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

    @Test
    void jsonRecordsEachPushWithRegistryRepositoryTagsDigestAndSize() throws Exception {
        Cli cli = steps("""
                - name: ship
                  service: app
                  type: push
                  image_name: %s/team/json
                  image_tag: "{{ .Branch }}-1"
                """.formatted(registry.host()), "--json");
        assertThat(cli.exitCode()).as(cli.out() + cli.err()).isZero();
        JsonNode push = new ObjectMapper().readTree(cli.out()).get("steps").get(0).get("pushes").get(0);
        assertThat(push.get("registry").asText()).isEqualTo(registry.host());
        assertThat(push.get("repository").asText()).isEqualTo("team/json");
        assertThat(push.get("tags")).hasSize(1);
        assertThat(push.get("tags").get(0).asText()).isEqualTo("master-1");
        assertThat(push.get("digest").asText()).isEqualTo(RegistryClient.builder().build()
                .manifestDigest(ImageReference.parse(registry.host() + "/team/json:master-1")).orElseThrow().toString());
        assertThat(push.get("size").asLong()).isPositive();
    }

    @Test
    void interruptedCliCancelsTheRunAndLeavesNoContainerBehind() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(stepsArgs("""
                - name: long
                  service: app
                  command: sh -c 'echo sleeping; sleep 60'
                """)));
        Path log = Files.createTempFile(rig.dir(), "cli-", ".log");
        Process cli = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains("[long] sleeping\n") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(rigContainers()).as(Files.readString(log)).isNotEmpty();
            cli.toHandle().destroy(); // SIGTERM runs the shutdown hooks as Ctrl-C's SIGINT does
            assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(log)).contains("cancelling the run: removing its containers and networks");
            assertThat(rigContainers()).isEmpty();
        } finally {
            cli.destroyForcibly();
        }
    }

    /** Containers of the engine in the rig's daemon, running or not. */
    private static String rigContainers() {
        return rig.docker("ps", "--all", "--quiet", "--filter", "label=io.jenkins.plugins.registry-steps").strip();
    }
}
