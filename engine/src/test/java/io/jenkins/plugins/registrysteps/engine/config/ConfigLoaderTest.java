package io.jenkins.plugins.registrysteps.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void yamlExtensionIsFound() throws Exception {
        write("codeship-services.yaml", "app:\n  image: busybox\n");
        write("codeship-steps.yaml", "- service: app\n  command: ls\n");
        CodeshipConfig config = ConfigLoader.load(dir, null, null);
        assertThat(config.services().name()).isEqualTo("codeship-services.yaml");
        assertThat(config.steps().name()).isEqualTo("codeship-steps.yaml");
    }

    @Test
    void legacyJetNamesAreFound() throws Exception {
        write("jet-services.yml", "app:\n  image: busybox\n");
        write("jet-steps.yml", "- service: app\n  command: ls\n");
        assertThat(ConfigLoader.load(dir, null, null).steps().name()).isEqualTo("jet-steps.yml");
    }

    @Test
    void codeshipNamesWinOverJetNames() throws Exception {
        write("jet-services.yml", "old:\n  image: busybox\n");
        write("codeship-services.yml", "app:\n  image: busybox\n");
        write("codeship-steps.yml", "- service: app\n  command: ls\n");
        assertThat(ConfigLoader.load(dir, null, null).services().names()).containsExactly("app");
    }

    @Test
    void dockerComposeIsTheServicesFallback() throws Exception {
        write("docker-compose.yml", "version: '3'\nservices:\n  app:\n    image: busybox\n");
        write("codeship-steps.yml", "- service: app\n  command: ls\n");
        assertThat(ConfigLoader.load(dir, null, null).services().name()).isEqualTo("docker-compose.yml");
    }

    @Test
    void jsonFilesAreRead() throws Exception {
        write("codeship-services.json", "{\n\t\"app\": {\"image\": \"busybox\"}\n}\n");
        write("codeship-steps.json", "[{\"service\": \"app\", \"command\": \"ls\", \"tag\": \"master\"}]\n");
        CodeshipConfig config = ConfigLoader.load(dir, null, null);
        assertThat(config.steps().steps().get(0).tag().value().source()).isEqualTo("master");
        assertThat(config.steps().steps().get(0).tag().position()).hasToString("codeship-steps.json:1:46");
    }

    @Test
    void missingFilesSayWhatWasLookedFor() {
        assertThatThrownBy(() -> ConfigLoader.load(dir, null, null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no services file in " + dir.toAbsolutePath().normalize()
                        + ": looked for codeship-services.yml, codeship-services.yaml")
                .hasMessageContaining("give the steps file's path (--steps on the command line, steps: in a Jenkins step)");
    }

    @Test
    void errorsOfBothFilesAreReportedTogether() throws IOException {
        write("codeship-services.yml", "app:\n  image: busybox\n  bogus: 1\n");
        write("codeship-steps.yml", "- service: app\n  comand: ls\n");
        assertThatThrownBy(() -> ConfigLoader.load(dir, null, null))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).diagnostics()).extracting(d -> d.position().file())
                        .contains("codeship-services.yml", "codeship-steps.yml"));
    }
}
