package io.jenkins.plugins.registrysteps.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.registrysteps.engine.config.CodeshipConfig;
import io.jenkins.plugins.registrysteps.engine.config.ConfigLoader;
import io.jenkins.plugins.registrysteps.engine.docker.DockerDaemon;
import io.jenkins.plugins.registrysteps.engine.docker.DockerEndpoint;
import io.jenkins.plugins.registrysteps.engine.plan.BuildContext;
import io.jenkins.plugins.registrysteps.engine.plan.Plan;
import io.jenkins.plugins.registrysteps.engine.plan.PlanStep;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.plan.Planner;
import io.jenkins.plugins.registrysteps.engine.registry.Digest;
import io.jenkins.plugins.registrysteps.engine.registry.FaultyProxy;
import io.jenkins.plugins.registrysteps.engine.registry.RegistryClient;
import io.jenkins.plugins.registrysteps.engine.rig.Rig;
import io.jenkins.plugins.registrysteps.engine.rig.RigRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunnerIT {

    private static Rig rig;
    private static DockerDaemon daemon;
    private Path project;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final BuildContext context = BuildContext.builder().branch("master").commitId("abc123").time(ZonedDateTime.now()).build();

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

    @AfterEach
    void nothingIsLeftBehind() {
        assertThat(daemon.leftoverContainers()).isEmpty();
        assertThat(daemon.leftoverNetworks()).isEmpty();
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
                  image: %1$s
                staged:
                  build:
                    image: registry-steps/runner-staged
                    dockerfile: Dockerfile.stages
                    target: first
                web:
                  image: %1$s
                  environment:
                    PAGE: served to
                  command: sh -c 'mkdir /www && echo "$PAGE $CI_BRANCH" > /www/index.html && exec httpd -f -p 80 -h /www'
                client:
                  image: %1$s
                  links:
                    - web:frontend
                docker:
                  image: %1$s
                  add_docker: true
                """.formatted(rig.baseImage()));
        Files.writeString(project.resolve("Dockerfile.stages"), "FROM " + rig.baseImage() + " AS first\n"
                + "RUN echo first > /stage\nFROM first AS second\nRUN echo second > /stage\n");
    }

    private RunResult run(String steps) throws Exception {
        Files.writeString(project.resolve("codeship-steps.yml"), steps);
        return runner().run(plan());
    }

    private Plan plan() throws Exception {
        return Planner.plan(ConfigLoader.load(project, null, null), context);
    }

    private Runner runner() throws Exception {
        CodeshipConfig config = ConfigLoader.load(project, null, null);
        return new Runner(daemon, RegistryClient.builder().build(), config.services(), project, context,
                new RunOptions(4, "none", Map.of()), new RunListener() {
                    @Override
                    public void output(PlanStep step, String line) {
                        output.add(step.name() + "| " + line);
                    }
                });
    }

    /** The uptime a step printed as {@code start 123.45} or {@code end 123.45}. */
    private double uptime(String step, String mark) {
        String prefix = step + "| " + mark + " ";
        return output.stream().filter(line -> line.startsWith(prefix)).map(line -> Double.parseDouble(line.substring(prefix.length())))
                .findFirst().orElseThrow(() -> new AssertionError("no '" + prefix + "' in " + output));
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
                      command: sh -c "read up idle < /proc/uptime; echo start $up; touch left; for i in 1 2 3 4 5 6 7 8 9 10; do test -f right && break; sleep 0.5; done; read up idle < /proc/uptime; echo end $up; test -f right"
                    - name: right
                      service: app
                      command: sh -c "read up idle < /proc/uptime; echo start $up; touch right; for i in 1 2 3 4 5 6 7 8 9 10; do test -f left && break; sleep 0.5; done; read up idle < /proc/uptime; echo end $up; test -f left"
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
        // Both passing already proves the overlap: each waited for the other's file. The kernel's uptime
        // is one clock for every container, read in 10 ms ticks: each step began no later than the other ended.
        assertThat(uptime("left", "start")).isLessThanOrEqualTo(uptime("right", "end"));
        assertThat(uptime("right", "start")).isLessThanOrEqualTo(uptime("left", "end"));
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
            PushRecord push = result.steps().get(0).pushes().get(0);
            assertThat(push.registry()).isEqualTo(registry.host());
            assertThat(push.repository()).isEqualTo("team/app");
            assertThat(push.tags()).containsExactly("master-abc");
            assertThat(result.steps().get(0).detail()).isEqualTo(registry.host() + "/team/app:master-abc@" + push.digest());
            assertThat(RegistryClient.builder().build().manifestDigest(ImageReference.parse(registry.host() + "/team/app:master-abc")))
                    .contains(Digest.parse(push.digest()));
            assertThat(push.size()).isEqualTo(servedSize(registry, "team/app", push.digest()));
        }
    }

    /** The config and layer sizes the registry's manifest lists, read with a plain HTTP client. */
    private static long servedSize(RigRegistry registry, String repository, String digest) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                registry.url().resolve("/v2/" + repository + "/manifests/" + digest))
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        JsonNode manifest = new ObjectMapper().readTree(response.body());
        long size = manifest.path("config").path("size").asLong();
        for (JsonNode layer : manifest.path("layers")) {
            size += layer.path("size").asLong();
        }
        assertThat(size).isPositive();
        return size;
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
        assertThat(result.steps().get(0).pushes()).isEmpty();
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

    @Test
    void buildStopsAtTheTargetStage() throws Exception {
        RunResult result = run("""
                - name: stage
                  service: staged
                  command: cat /stage
                """);
        assertThat(result.passed()).as(result.toString()).isTrue();
        assertThat(output).contains("stage| first");
    }

    @Test
    void stepsFilteredToOtherBranchesDoNotRun() throws Exception {
        RunResult result = run("""
                - name: on master
                  tag: master
                  service: plain
                  command: echo master ran
                - name: on develop
                  tag: develop
                  service: plain
                  command: echo develop ran
                """);
        assertThat(result.steps()).extracting(StepResult::name).containsExactly("on master");
        assertThat(output).containsExactly("on master| master ran");
    }

    @Test
    void linkedServiceIsReachableByNameAndAliasAndRemovedAfterwards() throws Exception {
        RunResult result = run("""
                - name: fetch
                  service: client
                  command: sh -c 'for i in 1 2 3 4 5 6 7 8 9 10; do wget -q -O - http://frontend/ && wget -q -O - http://web/ && exit 0; sleep 0.3; done; exit 1'
                """);
        assertThat(result.passed()).as(output.toString()).isTrue();
        assertThat(output).filteredOn(line -> line.equals("fetch| served to master")).hasSize(2);
    }

    @Test
    void addDockerHandsTheDaemonSocketToTheContainer() throws Exception {
        RunResult result = run("""
                - name: socket
                  service: docker
                  command: sh -c 'test -S /var/run/docker.sock && echo "socket at $DOCKER_HOST"'
                """);
        assertThat(result.passed()).as(output.toString()).isTrue();
        assertThat(output).contains("socket| socket at unix:///var/run/docker.sock");
    }

    @Test
    void cancelledRunStopsTheRunningStepAndLeavesNoContainerOrNetworkBehind() throws Exception {
        Files.writeString(project.resolve("codeship-steps.yml"), """
                - name: long
                  service: client
                  command: sh -c 'echo sleeping; sleep 60'
                - name: never
                  service: plain
                  command: echo never ran
                """);
        Cancelled cancelled = runAndCancelWhen(() -> output.contains("long| sleeping"), () -> {
            // the step and its linked web service
            assertThat(daemon.leftoverContainers()).hasSize(2);
        });
        RunResult result = cancelled.result();
        assertThat(result.cancelled()).isTrue();
        assertThat(result.passed()).isFalse();
        assertThat(status(result, "long")).isEqualTo(StepResult.Status.CANCELLED);
        assertThat(status(result, "never")).isEqualTo(StepResult.Status.SKIPPED);
        assertThat(output).doesNotContain("never| never ran");
        assertThat(daemon.leftoverContainers()).isEmpty();
        assertThat(daemon.leftoverNetworks()).isEmpty();
    }

    /** What a cancelled run returned, and how long it took to end after the cancel. */
    private record Cancelled(RunResult result, Duration took) {
    }

    /**
     * Runs the plan on a thread of its own and cancels it once {@code started} holds (a minute at most), after
     * {@code beforeCancel} checked the run; the run must end within 20 s of the cancel.
     */
    private Cancelled runAndCancelWhen(BooleanSupplier started, Runnable beforeCancel) throws Exception {
        Runner runner = runner();
        Plan plan = plan();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<RunResult> running = thread.submit(() -> runner.run(plan));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!started.getAsBoolean() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(started.getAsBoolean()).as("the run reached the point to cancel at; output: " + output).isTrue();
            beforeCancel.run();
            long cancelled = System.nanoTime();
            runner.cancel();
            RunResult result = running.get(30, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - cancelled);
            assertThat(took).isLessThan(Duration.ofSeconds(20));
            return new Cancelled(result, took);
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void cancelDuringAPushAbortsItsUploadsWithoutFallingBackToTheDaemon() throws Exception {
        try (RigRegistry registry = rig.registry().name("runner-cancel-push").start();
                FaultyProxy stalling = new FaultyProxy(registry.url(), r -> r.contains("/blobs/uploads/")
                        && (r.startsWith("PUT ") || r.startsWith("PATCH ")), FaultyProxy.Fault.STALL, 1_000)) {
            Files.writeString(project.resolve("codeship-steps.yml"), """
                    - name: ship
                      service: app
                      type: push
                      image_name: %s/team/cancelled
                      registry: %s
                    """.formatted(stalling.host(), stalling.host()));
            Cancelled cancelled = runAndCancelWhen(() -> stalling.faultsServed() > 0, () -> { });

            assertThat(cancelled.took()).isLessThan(Duration.ofSeconds(10));
            assertThat(status(cancelled.result(), "ship")).isEqualTo(StepResult.Status.CANCELLED);
            assertThat(output).noneMatch(line -> line.contains("through the Docker daemon"));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (layerPushThreadsAlive() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(layerPushThreadsAlive()).as("layer uploads still blocked after the cancel").isFalse();
        }
    }

    private static boolean layerPushThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("registry-steps layer push"));
    }

    @Test
    void cancelDuringABuildStopsTheBuild() throws Exception {
        Files.writeString(project.resolve("Dockerfile.slow"), "FROM " + rig.baseImage() + "\nRUN echo building slowly && sleep 60\n");
        Files.writeString(project.resolve("codeship-services.yml"), """
                slow:
                  build:
                    image: registry-steps/runner-slow
                    dockerfile: Dockerfile.slow
                """);
        Files.writeString(project.resolve("codeship-steps.yml"), "- name: built\n  service: slow\n  command: echo never\n");
        Cancelled cancelled = runAndCancelWhen(() -> output.contains("built| building slowly"), () -> { });
        assertThat(status(cancelled.result(), "built")).isEqualTo(StepResult.Status.CANCELLED);
        assertThat(output).doesNotContain("built| never");
        // dockerd ends a build whose client went away: its RUN container goes with it
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (rig.docker("ps", "-a", "--format", "{{.Command}}").contains("sleep 60") && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        assertThat(rig.docker("ps", "-a", "--format", "{{.Command}}")).doesNotContain("sleep 60");
    }
}
