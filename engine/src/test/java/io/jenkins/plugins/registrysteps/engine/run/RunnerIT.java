package io.jenkins.plugins.registrysteps.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.registrysteps.engine.config.CodeshipConfig;
import io.jenkins.plugins.registrysteps.engine.config.ConfigLoader;
import io.jenkins.plugins.registrysteps.engine.docker.DockerDaemon;
import io.jenkins.plugins.registrysteps.engine.docker.DockerEndpoint;
import io.jenkins.plugins.registrysteps.engine.plan.BuildContext;
import io.jenkins.plugins.registrysteps.engine.plan.PlanStep;
import io.jenkins.plugins.registrysteps.engine.plan.Planner;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.registry.Digest;
import io.jenkins.plugins.registrysteps.engine.registry.RegistryClient;
import io.jenkins.plugins.registrysteps.engine.rig.Rig;
import io.jenkins.plugins.registrysteps.engine.rig.RigRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunnerIT {

    private static Rig rig;
    private static DockerDaemon daemon;
    private Path project;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void connect() {
        rig = Rig.get();
        rig.baseImage();
        daemon = DockerDaemon.connect(DockerEndpoint.fromEnvironment(Map.of("DOCKER_HOST", rig.dockerHost()), rig.dir()));
    }

    @AfterAll
    static void disconnect() throws Exception {
        daemon.close();
    }

    @BeforeEach
    void project() throws Exception {
        project = Files.createTempDirectory(rig.dir(), "project-");
        Files.writeString(project.resolve("Dockerfile"), "FROM " + rig.baseImage() + "\nARG FLAVOUR\n"
                + "RUN echo \"$FLAVOUR\" > /flavour\n");
        Files.writeString(project.resolve("app.env"), "# settings\nFROM_FILE=file value\n");
        Files.createDirectories(project.resolve("shared"));
        Files.writeString(project.resolve("codeship-services.yml"), """
                app:
                  build:
                    image: registry-steps/runner-app
                    args:
                      FLAVOUR: vanilla
                  environment:
                    GREETING: hello
                  env_file: app.env
                  volumes:
                    - ./shared:/shared
                  working_dir: /shared
                plain:
                  image: %s
                """.formatted(rig.baseImage()));
    }

    private RunResult run(String steps) throws Exception {
        Files.writeString(project.resolve("codeship-steps.yml"), steps);
        CodeshipConfig config = ConfigLoader.load(project, null, null);
        BuildContext context = BuildContext.builder().branch("master").commitId("abc123").time(ZonedDateTime.now()).build();
        return new Runner(daemon, config.services(), project, context, new RunOptions(4, "none", Map.of()), new RunListener() {
            @Override
            public void output(PlanStep step, String line) {
                output.add(step.name() + "| " + line);
            }
        }).run(Planner.plan(config, context));
    }

    private static StepResult.Status status(RunResult result, String name) {
        return result.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().status();
    }

    @Test
    void serialGroupStopsAtTheFirstFailureAndSkipsTheRest() throws Exception {
        RunResult result = run("""
                - name: chain
                  type: serial
                  steps:
                    - name: first
                      service: plain
                      command: true
                    - name: broken
                      service: plain
                      command: sh -c "exit 4"
                    - name: never
                      service: plain
                      command: true
                """);
        assertThat(result.passed()).isFalse();
        assertThat(status(result, "first")).isEqualTo(StepResult.Status.PASSED);
        assertThat(status(result, "broken")).isEqualTo(StepResult.Status.FAILED);
        assertThat(status(result, "never")).isEqualTo(StepResult.Status.SKIPPED);
        assertThat(status(result, "chain")).isEqualTo(StepResult.Status.FAILED);
        assertThat(result.steps()).filteredOn(s -> s.name().equals("broken")).singleElement()
                .extracting(StepResult::detail).isEqualTo("the command exited with 4");
    }

    @Test
    void parallelStepsRunAtTheSameTimeAndTheGroupFailsAfterAllFinish() throws Exception {
        RunResult result = run("""
                - name: together
                  type: parallel
                  steps:
                    - name: left
                      service: app
                      command: sh -c "touch left; for i in 1 2 3 4 5 6 7 8 9 10; do test -f right && exit 0; sleep 0.5; done; exit 1"
                    - name: right
                      service: app
                      command: sh -c "touch right; for i in 1 2 3 4 5 6 7 8 9 10; do test -f left && exit 0; sleep 0.5; done; exit 1"
                    - name: failing
                      service: plain
                      command: "false"
                - name: after
                  service: plain
                  command: true
                """);
        assertThat(status(result, "left")).isEqualTo(StepResult.Status.PASSED);
        assertThat(status(result, "right")).isEqualTo(StepResult.Status.PASSED);
        assertThat(status(result, "failing")).isEqualTo(StepResult.Status.FAILED);
        assertThat(status(result, "together")).isEqualTo(StepResult.Status.FAILED);
        assertThat(status(result, "after")).isEqualTo(StepResult.Status.SKIPPED);
        assertThat(project.resolve("shared/left")).exists();
    }

    @Test
    void stepSeesBuildVariablesServiceEnvironmentEnvFileAndBuildArgs() throws Exception {
        RunResult result = run("""
                - name: show
                  service: app
                  command: sh -c 'echo "$CI $CI_BRANCH $CI_COMMIT_ID $GREETING $FROM_FILE $(cat /flavour) $(pwd)"'
                """);
        assertThat(result.passed()).isTrue();
        assertThat(output).contains("show| true master abc123 hello file value vanilla /shared");
    }

    @Test
    void pushStepPushesTheServiceImageUnderItsRenderedTag() throws Exception {
        try (RigRegistry registry = rig.registry().name("runner-push").start()) {
            RunResult result = run("""
                    - name: ship
                      service: app
                      type: push
                      image_name: %s/team/app
                      image_tag: "{{ .Branch }}-{{ printf \\"%%.3s\\" .CommitID }}"
                      registry: %s
                    """.formatted(registry.host(), registry.host()));
            assertThat(result.passed()).as(result.toString()).isTrue();
            String detail = result.steps().get(0).detail();
            assertThat(detail).startsWith(registry.host() + "/team/app:master-abc@sha256:");
            Digest pushed = Digest.parse(detail.substring(detail.indexOf('@') + 1));
            assertThat(RegistryClient.builder().build().manifestDigest(ImageReference.parse(registry.host() + "/team/app:master-abc")))
                    .contains(pushed);
        }
    }

    @Test
    void pushToAnUnreachableRegistryFailsTheStepWithTheReason() throws Exception {
        RunResult result = run("""
                - name: ship
                  service: plain
                  type: push
                  image_name: 127.0.0.1:1/team/app
                """);
        assertThat(result.passed()).isFalse();
        assertThat(result.steps().get(0).detail()).startsWith("push 127.0.0.1:1/team/app:latest: ");
    }

    @Test
    void serviceImageIsBuiltOnceForStepsRunningAtOnce() throws Exception {
        RunResult result = run("""
                - type: parallel
                  steps:
                    - name: a
                      service: app
                      command: true
                    - name: b
                      service: app
                      command: true
                    - name: c
                      service: app
                      command: true
                """);
        assertThat(result.passed()).isTrue();
        assertThat(output).filteredOn(line -> line.contains("Step 1/")).hasSize(1);
    }
}
