package io.jenkins.plugins.registrysteps.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What the git checkout around a folder says about the build: branch, commit, committer. */
final class GitInfo {

    private final Path folder;

    GitInfo(Path folder) {
        this.folder = folder;
    }

    /** The current branch; empty when detached or outside a repository. */
    Optional<String> branch() {
        return git("rev-parse", "--abbrev-ref", "HEAD").filter(b -> !b.equals("HEAD"));
    }

    /** The tag pointing exactly at HEAD, if any. */
    Optional<String> exactTag() {
        return git("describe", "--tags", "--exact-match", "HEAD");
    }

    Optional<String> commit() {
        return git("rev-parse", "HEAD");
    }

    Optional<String> log(String format) {
        return git("log", "-1", "--format=" + format);
    }

    /** Codeship's CommitDescription: {@code git describe --abbrev=1 --tags --always}. */
    Optional<String> description() {
        return git("describe", "--abbrev=1", "--tags", "--always");
    }

    Optional<String> repoName() {
        return git("rev-parse", "--show-toplevel").map(top -> Path.of(top).getFileName().toString());
    }

    private Optional<String> git(String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "git";
        command[1] = "-C";
        command[2] = folder.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 && !out.isEmpty() ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
