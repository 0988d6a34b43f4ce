package io.jenkins.plugins.registrysteps.engine.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A docker credential helper ({@code docker-credential-NAME}, named by {@code credsStore} or {@code credHelpers}),
 * asked as Docker asks it: {@code get} with the server address on stdin answers
 * {@code {"Username", "Secret", "ServerURL"}}; "credentials not found" means no login. A user name of
 * {@code <token>} marks the secret as an identity token. The helper is looked up on the PATH of the environment given,
 * and runs with that environment.
 */
final class CredentialHelper {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 60;
    private static final String NOT_FOUND = "credentials not found";

    private final String name;
    private final Map<String, String> environment;

    CredentialHelper(String name, Map<String, String> environment) {
        this.name = name;
        this.environment = environment;
    }

    String program() {
        return "docker-credential-" + name;
    }

    /** The login the helper holds for a registry, asked by Docker's server address for it. */
    Optional<Credential> get(String registry) throws LoginException, InterruptedException {
        String server = RegistryKey.serverAddress(registry);
        String action = program() + " get for " + server;
        Path program = executable();
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(program.toString(), "get");
            builder.environment().clear();
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new LoginException(action + ": cannot start it: " + e.getMessage(), e);
        }
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readQuietly(process.getInputStream()));
        CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readQuietly(process.getErrorStream()));
        try (var stdin = process.getOutputStream()) {
            stdin.write(server.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // a helper that exits without reading says why on stderr
        }
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            // destroying closes the streams too: only a helper that hangs is destroyed
            process.destroyForcibly();
            throw new LoginException(action + ": no answer within " + TIMEOUT_SECONDS + " s");
        }
        byte[] out = output.join();
        String said = (new String(out, StandardCharsets.UTF_8) + new String(errors.join(), StandardCharsets.UTF_8)).strip();
        if (process.exitValue() != 0) {
            if (said.toLowerCase(java.util.Locale.ROOT).contains(NOT_FOUND)) {
                return Optional.empty();
            }
            // a failing helper prints its error, not the secret it could not read
            throw new LoginException(action + " failed with exit code " + process.exitValue()
                    + (said.isEmpty() ? "" : ": " + firstLine(said)));
        }
        return Optional.of(credential(out, action));
    }

    private static Credential credential(byte[] out, String action) throws LoginException {
        JsonNode answer;
        try {
            answer = JSON.readTree(out);
        } catch (IOException e) {
            throw new LoginException(action + ": the answer is not JSON {\"Username\", \"Secret\"}");
        }
        if (answer == null || !answer.path("Secret").isTextual()) {
            throw new LoginException(action + ": the answer holds no \"Secret\"");
        }
        String username = answer.path("Username").asText("");
        String secret = answer.get("Secret").asText();
        return username.equals("<token>") ? new Credential(username, secret, Credential.Kind.IDENTITY_TOKEN)
                : new Credential(username, secret);
    }

    /** The helper on the PATH of the environment given, as Docker finds it. */
    private Path executable() throws LoginException {
        String path = environment.getOrDefault("PATH", "");
        for (String folder : path.split(File.pathSeparator)) {
            if (folder.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(folder, program());
            if (Files.isExecutable(candidate) && Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new LoginException(program() + " is not on the PATH: install it, or remove \"" + name
                + "\" from credsStore/credHelpers of the docker config");
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).strip();
    }

    private static byte[] readQuietly(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
