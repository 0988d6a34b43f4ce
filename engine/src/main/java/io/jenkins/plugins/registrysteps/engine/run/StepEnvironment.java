package io.jenkins.plugins.registrysteps.engine.run;

import io.jenkins.plugins.registrysteps.engine.config.Located;
import io.jenkins.plugins.registrysteps.engine.config.Service;
import io.jenkins.plugins.registrysteps.engine.plan.BuildContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment of a step's container: Codeship's build variables, then the service's {@code environment}, then
 * its {@code env_file}s, each later one winning.
 */
final class StepEnvironment {

    private StepEnvironment() {
    }

    static Map<String, String> of(BuildContext context, Service service, Path projectFolder, Map<String, String> host)
            throws IOException {
        Map<String, String> env = new LinkedHashMap<>(build(context));
        env.putAll(resolved(service.environment(), host));
        for (Located<String> file : service.envFiles()) {
            env.putAll(envFile(projectFolder.resolve(file.value()), file));
        }
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

    /** {@code NAME=value} lines; blank lines and {@code #} comments are skipped, as docker-compose does. */
    private static Map<String, String> envFile(Path file, Located<String> where) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            throw new IOException(where.position() + ": env_file " + where.value() + " does not exist (looked at " + file + ")");
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
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
