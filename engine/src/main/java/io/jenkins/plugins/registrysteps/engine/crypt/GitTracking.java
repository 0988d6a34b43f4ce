package io.jenkins.plugins.registrysteps.engine.crypt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Warns when the key file is committed: whoever reads the repository could then decrypt every secret in it. */
public final class GitTracking {

    private GitTracking() {
    }

    /** The warning for a key file that git tracks; empty when it is not tracked, or git or a repository is absent. */
    public static Optional<String> keyWarning(Path keyFile) {
        Path file = keyFile.toAbsolutePath().normalize();
        if (file.getParent() == null || !Files.isRegularFile(file) || !isTracked(file)) {
            return Optional.empty();
        }
        return Optional.of(file.getFileName() + " is tracked by git: anyone who can read the repository can decrypt its "
                + "secrets; run git rm --cached " + file.getFileName() + ", add it to .gitignore, and ask for a new key");
    }

    private static boolean isTracked(Path file) {
        try {
            Process git = new ProcessBuilder("git", "ls-files", "--error-unmatch", "--", file.getFileName().toString())
                    .directory(file.getParent().toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!git.waitFor(10, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return false;
            }
            return git.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
