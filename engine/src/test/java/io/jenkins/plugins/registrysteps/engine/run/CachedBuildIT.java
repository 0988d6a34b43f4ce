package io.jenkins.plugins.registrysteps.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.registrysteps.engine.config.CodeshipConfig;
import io.jenkins.plugins.registrysteps.engine.config.ConfigLoader;
import io.jenkins.plugins.registrysteps.engine.docker.DockerDaemon;
import io.jenkins.plugins.registrysteps.engine.docker.DockerEndpoint;
import io.jenkins.plugins.registrysteps.engine.plan.BuildContext;
import io.jenkins.plugins.registrysteps.engine.plan.PlanStep;
import io.jenkins.plugins.registrysteps.engine.plan.Planner;
import io.jenkins.plugins.registrysteps.engine.registry.RegistryClient;
import io.jenkins.plugins.registrysteps.engine.rig.Rig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Codeship's {@code cached: true} on a real daemon: a layer whose RUN writes a fresh random stamp shows whether a
 * build reused the previous one. The project's repository name is unique per test, so cache images never meet.
 */
class CachedBuildIT {

    private static Rig rig;
    private static DockerDaemon daemon;
    private static RegistryClient registries;

    @BeforeAll
    static void connect() throws Exception {
        rig = Rig.get();
        rig.baseImage();
        daemon = DockerDaemon.connect(DockerEndpoint.fromEnvironment(Map.of("DOCKER_HOST", rig.dockerHost()), rig.dir()));
        registries = RegistryClient.builder().build();
    }

    @AfterAll
    static void disconnect() throws Exception {
        daemon.close();
        registries.close();
    }

    @Test
    void cachedServiceReusesItsBranchBuildAndFallsBackToTheDefaultCacheBranch() throws Exception {
        Path project = project("cached: true\n  default_cache_branch: main");
        String first = stamp(project, "main", "cached-a");
        assertThat(stamp(project, "main", "cached-a")).as("the same branch again").isEqualTo(first);
        assertThat(stamp(project, "feature/new", "cached-a")).as("a new branch starts from main's cache").isEqualTo(first);
    }

    @Test
    void serviceWithoutCachedIsBuiltAfreshEveryRun() throws Exception {
        Path project = project("cached: false");
        String first = stamp(project, "master", "uncached-a");
        assertThat(stamp(project, "master", "uncached-a")).isNotEqualTo(first);
    }

    private static Path project(String caching) throws Exception {
        Path project = Files.createTempDirectory(rig.dir(), "cached-");
        Files.writeString(project.resolve("Dockerfile"), "FROM " + rig.baseImage() + "\nRUN head -c 16 /dev/urandom | od -An -tx1 > /stamp\n");
        Files.writeString(project.resolve("codeship-services.yml"), "app:\n  build: .\n  " + caching + "\n");
        Files.writeString(project.resolve("codeship-steps.yml"), "- name: stamp\n  service: app\n  command: cat /stamp\n");
        return project;
    }

    /** Runs the pipeline for the branch and returns the stamp the image's layer holds. */
    private static String stamp(Path project, String branch, String repoName) throws Exception {
        CodeshipConfig config = ConfigLoader.load(project, null, null);
        BuildContext context = BuildContext.builder().branch(branch).repoName(repoName + "-" + project.getFileName())
                .time(ZonedDateTime.now()).build();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        RunResult result = new Runner(daemon, registries, config.services(), project, context, new RunOptions(1, "none", Map.of()),
                new RunListener() {
                    @Override
                    public void output(PlanStep step, String line) {
                        output.add(line);
                    }
                }).run(Planner.plan(config, context));
        assertThat(result.passed()).as(output.toString()).isTrue();
        return output.stream().filter(line -> line.matches("[ 0-9a-f]+") && !line.isBlank()).findFirst().orElseThrow().strip();
    }
}
