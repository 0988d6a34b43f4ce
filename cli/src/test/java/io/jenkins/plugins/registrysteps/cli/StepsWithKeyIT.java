package io.jenkins.plugins.registrysteps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.registrysteps.engine.crypt.JetCipher;
import io.jenkins.plugins.registrysteps.engine.crypt.JetKey;
import io.jenkins.plugins.registrysteps.engine.rig.Rig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code steps} finds codeship.aes beside the services file, masks what it decrypts, and warns when git tracks the key. */
class StepsWithKeyIT {

    @Test
    void projectKeyDecryptsTheEnvFileAndTheOutputIsMasked() throws Exception {
        Rig rig = Rig.get();
        Path project = Files.createTempDirectory(rig.dir(), "cli-key-");
        JetKey key = JetKey.generate();
        key.write(project.resolve("codeship.aes"));
        Files.write(project.resolve("env.encrypted"), JetCipher.encrypt(key, "TOKEN=cli-secret-value\n".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(project.resolve("codeship-services.yml"), "app:\n  image: " + rig.baseImage()
                + "\n  encrypted_env_file: env.encrypted\n");
        Files.writeString(project.resolve("codeship-steps.yml"), "- name: show\n  service: app\n  command: sh -c 'echo token=$TOKEN'\n");
        Process git = new ProcessBuilder("sh", "-c", "git init -q && git add codeship.aes").directory(project.toFile()).start();
        assertThat(git.waitFor()).isZero();

        Cli cli = Cli.run("steps", "--services", project.resolve("codeship-services.yml").toString(), "--steps",
                project.resolve("codeship-steps.yml").toString(), "--branch", "master", "--commit", "0123456789",
                "--docker-host", rig.dockerHost(), "--network", "none");

        assertThat(cli.exitCode()).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains("[show] token=****\n").doesNotContain("cli-secret-value");
        assertThat(cli.err()).contains("warning: codeship.aes is tracked by git: anyone who can read the repository can "
                + "decrypt its secrets; run git rm --cached codeship.aes, add it to .gitignore, and ask for a new key\n");
    }
}
