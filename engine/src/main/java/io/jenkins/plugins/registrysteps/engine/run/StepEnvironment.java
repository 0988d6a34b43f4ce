package io.jenkins.plugins.registrysteps.engine.run;

import io.jenkins.plugins.registrysteps.engine.config.Located;
import io.jenkins.plugins.registrysteps.engine.config.Service;
import io.jenkins.plugins.registrysteps.engine.plan.BuildContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment of a step's container, each later source winning over the earlier ones:
 * <ol>
 * <li>Codeship's build variables ({@code CI_BRANCH}, ...);</li>
 * <li>the service's {@code environment}, then its {@code env_file}s in order;</li>
 * <li>the service's {@code encrypted_environment} values, then its {@code encrypted_env_file}s in order;</li>
 * <li>the step's own {@code encrypted_env_file}s (inherited from its groups).</li>
 * </ol>
 * Plain before encrypted, inline before files, service before step: the more specific and the more secret source wins.
 * Codeship does not document an order; this one keeps a variable that is set twice predictable.
 */
final class StepEnvironment {

    private StepEnvironment() {
    }

    static Map<String, String> of(BuildContext context, Service service, List<Located<String>> stepEncryptedEnvFiles,
            Path projectFolder, RunOptions options) throws IOException {
        Map<String, String> env = new LinkedHashMap<>(build(context));
        env.putAll(resolved(service.environment(), options.hostEnvironment()));
        for (Located<String> file : service.envFiles()) {
            env.putAll(parse(Files.readString(existing(projectFolder, file, "env_file"), StandardCharsets.UTF_8)));
        }
        EncryptedVariables encrypted = new EncryptedVariables(projectFolder, options);
        env.putAll(encrypted.inline(service.encryptedEnvironment(), "encrypted_environment of service " + service.nameText()));
        env.putAll(encrypted.files(service.encryptedEnvFiles(), "encrypted_env_file"));
        env.putAll(encrypted.files(stepEncryptedEnvFiles, "encrypted_env_file"));
        return env;
    }

    /** Variables as written; a name without a value takes the host's, and is left out when the host has none. */
    static Map<String, String> resolved(Map<String, Located<String>> variables, Map<String, String> host) {
        Map<String, String> values = new LinkedHashMap<>();
        variables.forEach((name, value) -> {
            String resolved = value != null ? value.value() : host.get(name);
            if (resolved != null) {
                values.put(name, resolved);
            }
        });
        return values;
    }

    /** The variables every Codeship step sees. */
    static Map<String, String> build(BuildContext context) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CI", "true");
        env.put("CI_NAME", context.ciName());
        env.put("CI_PROJECT_ID", context.projectId());
        env.put("CI_BUILD_ID", context.buildId());
        env.put("CI_REPO_NAME", context.repoName());
        env.put("CI_BRANCH", context.branch());
        env.put("CI_COMMIT_ID", context.commitId());
        env.put("CI_COMMIT_MESSAGE", context.commitMessage());
        env.put("CI_COMMIT_DESCRIPTION", context.commitDescription());
        env.put("CI_COMMITTER_NAME", context.committerName());
        env.put("CI_COMMITTER_EMAIL", context.committerEmail());
        env.put("CI_COMMITTER_USERNAME", context.committerUsername());
        env.put("CI_TIMESTAMP", Long.toString(context.time().toEpochSecond()));
        env.put("CI_STRING_TIME", context.time().toOffsetDateTime().toString());
        return env;
    }

    /** A file named in the services or steps file, relative to the project folder; a missing one names its field. */
    static Path existing(Path projectFolder, Located<String> file, String field) throws IOException {
        Path path = projectFolder.resolve(file.value());
        if (!Files.isRegularFile(path)) {
            throw new IOException(file.position() + ": " + field + " " + file.value() + " does not exist (looked at " + path + ")");
        }
        return path;
    }

    /** {@code NAME=value} lines; blank lines and {@code #} comments are skipped, as docker-compose does. */
    static Map<String, String> parse(String content) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : content.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq > 0) {
                env.put(trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1));
            }
        }
        return env;
    }
}
