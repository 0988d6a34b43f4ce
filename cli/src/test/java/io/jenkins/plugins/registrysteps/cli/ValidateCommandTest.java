package io.jenkins.plugins.registrysteps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @TempDir
    Path dir;

    private Cli validate(String services, String steps, String... extra) throws IOException {
        Files.writeString(dir.resolve("codeship-services.yml"), services);
        Files.writeString(dir.resolve("codeship-steps.yml"), steps);
        String[] args = new String[5 + extra.length];
        args[0] = "validate";
        args[1] = "--services";
        args[2] = dir.resolve("codeship-services.yml").toString();
        args[3] = "--steps";
        args[4] = dir.resolve("codeship-steps.yml").toString();
        System.arraycopy(extra, 0, args, 5, extra.length);
        return Cli.run(args);
    }

    @Test
    void validPairSaysSoAndExitsZero() throws IOException {
        Cli cli = validate("app:\n  image: busybox\n", "- service: app\n  command: ls\n");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).endsWith("are valid: 1 services, 1 steps\n");
    }

    @Test
    void errorsComeAsFileLineColumn() throws IOException {
        Cli cli = validate("app:\n  image: busybox\n  cahced: true\n", "- service: app\n  command: ls\n");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).containsPattern("(?m)^/.*codeship-services.yml:3:3: error: unknown key \"cahced\" in service \"app\" "
                + "\\(did you mean \"cached\"\\?\\)");
    }

    @Test
    void jsonListsEveryFinding() throws IOException {
        Cli cli = validate("app:\n  image: busybox\n", "- service: app\n  command: ls\n  tag: ^(x\n", "--json");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.out()).contains("\"valid\" : false").contains("\"line\" : 3").contains("\"column\" : 8")
                .contains("missing closing )");
    }

    @Test
    void missingFileIsBadInput() {
        Cli cli = Cli.run("validate", "--services", dir.resolve("nope.yml").toString(), "--steps", dir.resolve("nope2.yml").toString());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("no such services file").contains("no such steps file");
    }

    @Test
    void unknownOptionShowsUsage() {
        Cli cli = Cli.run("validate", "--servises", "x");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("Unknown option").contains("Usage:");
    }
}
