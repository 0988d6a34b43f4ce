package io.jenkins.plugins.registrysteps.engine.rig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** A short-lived external command run to completion with captured output. */
final class Command {

    /** What a finished command left behind. */
    record Result(List<String> argv, int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }

        /** Returns stdout, or throws with stderr when the command failed. */
        String stdoutOrThrow() {
            if (!ok()) {
                throw new IllegalStateException("command failed (exit " + exitCode + "): " + String.join(" ", argv)
                        + "\n--- stderr ---\n" + stderr + (stdout.isBlank() ? "" : "\n--- stdout ---\n" + stdout));
            }
            return stdout;
        }
    }

    private Command() {
    }

    static Result run(List<String> argv, Map<String, String> env, Duration timeout) {
        return run(argv, env, null, timeout);
    }

    /** Runs with {@code stdin} as the whole input (a secret, say, kept off the command line), or /dev/null when null. */
    static Result run(List<String> argv, Map<String, String> env, String stdin, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().putAll(env);
        if (stdin == null) {
            // nobody types into these commands: stdin is /dev/null so nothing ever waits on it
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", argv), e);
        }
        if (stdin != null) {
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                p.destroyForcibly();
                throw new UncheckedIOException("cannot write the input of " + String.join(" ", argv), e);
            }
        }
        // both pipes are drained concurrently so a chatty stderr cannot block the child
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("command timed out after " + timeout + ": " + String.join(" ", argv)
                        + "\n--- stderr ---\n" + err.getNow(""));
            }
            return new Result(List.copyOf(argv), p.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", argv), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read output of " + String.join(" ", argv), e.getCause());
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
