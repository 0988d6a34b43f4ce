package io.jenkins.plugins.registrysteps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PlanCommandTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String SERVICES = ROOT.resolve("examples/demo/codeship-services.yml").toString();
    private static final String STEPS = ROOT.resolve("examples/demo/codeship-steps.yml").toString();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Cli plan(String... buildOptions) {
        String[] args = new String[buildOptions.length + 8];
        args[0] = "plan";
        args[1] = "--services";
        args[2] = SERVICES;
        args[3] = "--steps";
        args[4] = STEPS;
        args[5] = "--commit";
        args[6] = "0123456789abcdef";
        args[7] = "--json";
        System.arraycopy(buildOptions, 0, args, 8, buildOptions.length);
        return run(args);
    }

    private static Cli run(String... args) {
        Cli cli = Cli.run(args);
        assertThat(cli.err()).as("stderr").isEmpty();
        assertThat(cli.exitCode()).isZero();
        return cli;
    }

    private static JsonNode expected(String name) throws IOException {
        return JSON.readTree(PlanCommandTest.class.getResourceAsStream("/demo-plan-" + name + ".json"));
    }

    @Test
    void masterRunsTestsThenPushesCommitImageAndLatest() throws IOException {
        assertThat(JSON.readTree(plan("--branch", "master").out())).isEqualTo(expected("master"));
    }

    @Test
    void developAlsoDeploysButPushesNoLatest() throws IOException {
        assertThat(JSON.readTree(plan("--branch", "develop").out())).isEqualTo(expected("develop"));
    }

    @Test
    void versionTagPushesTheReleaseTagsInParallel() throws IOException {
        assertThat(JSON.readTree(plan("--git-tag", "v1.2.3").out())).isEqualTo(expected("v1.2.3"));
    }

    @Test
    void excludedBranchRunsOnlyTheTests() throws IOException {
        JsonNode plan = JSON.readTree(plan("--branch", "wip/spike").out());
        assertThat(plan.get("steps")).hasSize(1);
        assertThat(plan.get("steps").get(0).get("name").asText()).isEqualTo("test");
    }

    @Test
    void readmeShowsTheRealOutputForAVersionTag() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("--git-tag v1.2.3 --commit 0123456789abcdef --json\n");
        assertThat(start).as("README shows plan --json for v1.2.3").isPositive();
        StringBuilder shown = new StringBuilder();
        for (String line : readme.substring(readme.indexOf('\n', start) + 1).split("\n")) {
            if (!line.startsWith("    ")) {
                break;
            }
            shown.append(line.substring(4)).append('\n');
        }
        assertThat(JSON.readTree(shown.toString())).isEqualTo(expected("v1.2.3"));
    }

    @Test
    void humanOutputIsAnIndentedTree() {
        String out = Cli.run("plan", "--services", SERVICES, "--steps", STEPS, "--branch", "master", "--commit",
                "0123456789abcdef").out();
        assertThat(out).startsWith("Plan for branch master at 0123456789ab\n")
                .contains("  parallel test\n    run      unit\n")
                .contains("    push     push latest\n             app -> localhost:5000/demo/app:latest\n");
    }

    @Test
    void invalidFilesExitWithTwoAndPrintEveryError(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("codeship-services.yml"), "app:\n  image: busybox\n");
        Files.writeString(dir.resolve("codeship-steps.yml"), "- service: ap\n  command: ls\n- service: app\n  type: push\n");
        Cli cli = Cli.run("plan", "--services", dir.resolve("codeship-services.yml").toString(), "--steps",
                dir.resolve("codeship-steps.yml").toString(), "--branch", "master");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).contains(":1:12: error: unknown service \"ap\" in step at line 1 (did you mean \"app\"?)")
                .contains(":3:3: error: push step has no \"image_name\"")
                .endsWith("2 errors\n");
    }
}
