package io.jenkins.plugins.registrysteps.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.registrysteps.engine.rig.Rig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DockerDaemonIT {

    private static Rig rig;
    private static DockerDaemon daemon;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void connect() {
        rig = Rig.get();
        rig.baseImage();
        daemon = DockerDaemon.connect(DockerEndpoint.fromEnvironment(Map.of("DOCKER_HOST", rig.dockerHost()),
                rig.dir()));
    }

    @AfterAll
    static void disconnect() throws Exception {
        daemon.close();
    }

    @AfterEach
    void noContainerIsLeftBehind() {
        assertThat(daemon.leftoverContainers()).isEmpty();
    }

    private RunRequest run(List<String> command) {
        return new RunRequest(rig.baseImage(), command, null, Map.of(), null, List.of(), "none");
    }

    @Test
    void versionAnswers() throws Exception {
        assertThat(daemon.version()).matches("\\d+\\.\\d+.*");
    }

    @Test
    void buildAppliesArgsLabelsAndTagsAndStreamsItsLog() throws Exception {
        Path context = Files.createTempDirectory(rig.dir(), "build-");
        Files.writeString(context.resolve("Dockerfile.ci"), "FROM " + rig.baseImage() + "\nARG GREETING\n"
                + "RUN echo \"built with $GREETING\" > /greeting\nCMD [\"cat\", \"/greeting\"]\n");
        daemon.build(new BuildRequest(context, "Dockerfile.ci", Map.of("GREETING", "hello"), null,
                Map.of("org.opencontainers.image.revision", "0123abc"), List.of("registry-steps/built:1"), "none"), lines::add);
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("Step 1/"));
        assertThat(rig.docker("inspect", "-f", "{{ index .Config.Labels \"org.opencontainers.image.revision\" }}",
                "registry-steps/built:1").strip()).isEqualTo("0123abc");
        lines.clear();
        assertThat(daemon.run(new RunRequest("registry-steps/built:1", List.of(), null, Map.of(), null, List.of(), "none"),
                lines::add)).isZero();
        assertThat(lines).containsExactly("built with hello");
    }

    @Test
    void failingBuildSaysWhatFailed() throws Exception {
        Path context = Files.createTempDirectory(rig.dir(), "broken-");
        Files.writeString(context.resolve("Dockerfile"), "FROM " + rig.baseImage() + "\nRUN exit 7\n");
        assertThatThrownBy(() -> daemon.build(new BuildRequest(context, "Dockerfile", Map.of(), null, Map.of(),
                List.of("registry-steps/broken:1"), "none"), lines::add))
                .isInstanceOf(DockerException.class)
                .hasMessageStartingWith("build image from " + context + " with Dockerfile: ")
                .hasMessageContaining("non-zero code: 7");
    }

    @Test
    void outputComesLineByLineAndTheExitCodeDecides() throws Exception {
        int code = daemon.run(run(List.of("sh", "-c", "echo one; echo two >&2; printf three; exit 3")), lines::add);
        assertThat(code).isEqualTo(3);
        assertThat(lines).containsExactlyInAnyOrder("one", "two", "three");
    }

    @Test
    void shellOperatorsAreLiteralArguments() throws Exception {
        daemon.run(run(List.of("echo", "a", "&&", "echo", "b", "|", "wc", ">", "out")), lines::add);
        assertThat(lines).containsExactly("a && echo b | wc > out");
    }

    @Test
    void environmentWorkingDirAndBindsReachTheContainer() throws Exception {
        Path shared = Files.createTempDirectory(rig.dir(), "bind-");
        Files.writeString(shared.resolve("file"), "from the host\n");
        int code = daemon.run(new RunRequest(rig.baseImage(), List.of("sh", "-c", "echo $GREETING $(pwd); cat /data/file"),
                null, Map.of("GREETING", "hello"), "/tmp", List.of(shared + ":/data:ro"), "none"), lines::add);
        assertThat(code).isZero();
        assertThat(lines).containsExactly("hello /tmp", "from the host");
    }

    @Test
    void entrypointIsReplacedWhenGiven() throws Exception {
        daemon.run(new RunRequest(rig.baseImage(), List.of("from", "args"), List.of("echo", "entry"), Map.of(), null, List.of(),
                "none"), lines::add);
        assertThat(lines).containsExactly("entry from args");
    }

    @Test
    void missingImageIsNamed() {
        assertThatThrownBy(() -> daemon.run(new RunRequest("registry-steps/none:1", List.of("true"), null, Map.of(), null,
                List.of(), "none"), lines::add))
                .isInstanceOf(DockerException.class)
                .hasMessageStartingWith("create a container of registry-steps/none:1: ");
    }
}
