package io.jenkins.plugins.registrysteps.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.registrysteps.engine.config.CodeshipConfig;
import io.jenkins.plugins.registrysteps.engine.config.ConfigLoader;
import io.jenkins.plugins.registrysteps.engine.crypt.JetCipher;
import io.jenkins.plugins.registrysteps.engine.crypt.JetKey;
import io.jenkins.plugins.registrysteps.engine.crypt.KeySource;
import io.jenkins.plugins.registrysteps.engine.crypt.PublishedVector;
import io.jenkins.plugins.registrysteps.engine.docker.DockerDaemon;
import io.jenkins.plugins.registrysteps.engine.docker.DockerEndpoint;
import io.jenkins.plugins.registrysteps.engine.plan.BuildContext;
import io.jenkins.plugins.registrysteps.engine.plan.PlanStep;
import io.jenkins.plugins.registrysteps.engine.plan.Planner;
import io.jenkins.plugins.registrysteps.engine.registry.RegistryClient;
import io.jenkins.plugins.registrysteps.engine.rig.Rig;
import java.nio.charset.StandardCharsets;
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

/** Encrypted env files and build args reach a real container and build, and never its output. */
class EncryptedEnvironmentIT {

    private static final String TOKEN = "t0ken-from-an-encrypted-file";

    private static Rig rig;
    private static DockerDaemon daemon;
    private static RegistryClient registries;
    private Path project;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

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

    /** A project keyed with codeship-tool-examples' published key, holding its jet-made (v1) build_args.encrypted. */
    @BeforeEach
    void project() throws Exception {
        project = Files.createTempDirectory(rig.dir(), "encrypted-");
        PublishedVector.writeTo(project, "codeship.aes");
        PublishedVector.writeTo(project, "build_args.encrypted");
        JetKey key = JetKey.read(project.resolve("codeship.aes"));
        Files.write(project.resolve("env.encrypted"), JetCipher.encrypt(key, ("TOKEN=" + TOKEN + "\n").getBytes(StandardCharsets.UTF_8)));
        Files.writeString(project.resolve("Dockerfile"), "FROM " + rig.baseImage() + "\nARG FROMFILE\nRUN echo \"$FROMFILE\" > /fromfile\n");
        Files.writeString(project.resolve("codeship-services.yml"), """
                app:
                  build:
                    image: registry-steps/encrypted-app
                    encrypted_args_file: build_args.encrypted
                  encrypted_env_file: env.encrypted
                """);
    }

    private RunResult run(String steps, KeySource key) throws Exception {
        Files.writeString(project.resolve("codeship-steps.yml"), steps);
        CodeshipConfig config = ConfigLoader.load(project, null, null);
        BuildContext context = BuildContext.builder().branch("master").time(ZonedDateTime.now()).build();
        RunOptions options = new RunOptions(2, "none", Map.of()).withKey(key);
        return new Runner(daemon, registries, config.services(), project, context, options, new RunListener() {
            @Override
            public void output(PlanStep step, String line) {
                output.add(step.name() + "| " + line);
            }
        }).run(Planner.plan(config, context));
    }

    @Test
    void decryptedVariableAndBuildArgArriveAndTheOutputShowsThemMasked() throws Exception {
        RunResult result = run("""
                - name: show
                  service: app
                  command: sh -c 'test "$TOKEN" = "%s" && test "$(cat /fromfile)" = supersecret && echo "token=$TOKEN arg=$(cat /fromfile)"'
                """.formatted(TOKEN), KeySource.file(project.resolve("codeship.aes")));
        assertThat(result.passed()).as(output.toString()).isTrue();
        assertThat(output).contains("show| token=**** arg=****");
        assertThat(String.join("\n", output)).doesNotContain(TOKEN).doesNotContain("supersecret");
    }

    @Test
    void stepWithoutAKeyFailsWithNoKey() throws Exception {
        RunResult result = run("- name: show\n  service: app\n  command: env\n", KeySource.NONE);
        assertThat(result.passed()).isFalse();
        assertThat(result.steps().get(0).detail())
                .isEqualTo("no key: put the project's AES key in codeship.aes or name the credential that holds it");
    }
}
