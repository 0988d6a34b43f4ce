package io.jenkins.plugins.registrysteps.engine.crypt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitTrackingTest {

    @TempDir
    Path dir;

    private void git(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
    }

    @Test
    void trackedKeyFileWarnsWithTheFix() throws Exception {
        git("init", "-q");
        Path key = dir.resolve("codeship.aes");
        JetKey.generate().write(key);
        git("add", "codeship.aes");
        assertThat(GitTracking.keyWarning(key)).contains("codeship.aes is tracked by git: anyone who can read the repository "
                + "can decrypt its secrets; run git rm --cached codeship.aes, add it to .gitignore, and ask for a new key");
    }

    @Test
    void untrackedKeyFileOrNoRepositoryIsQuiet() throws Exception {
        Path key = dir.resolve("codeship.aes");
        JetKey.generate().write(key);
        assertThat(GitTracking.keyWarning(key)).isEmpty();
        git("init", "-q");
        assertThat(GitTracking.keyWarning(key)).isEmpty();
    }
}
