package io.jenkins.plugins.registrysteps.engine.config;

import java.util.List;
import java.util.Map;

/**
 * How a service's image is built. {@code path} and {@code name} are the legacy spellings of {@code context} and
 * {@code image}; {@code dockerfile_path} of {@code dockerfile}.
 *
 * @param args build args; a {@code null} value is taken from the environment, as docker-compose does
 * @param encryptedArgs inline {@code jet encrypt} outputs, each decrypting to {@code NAME=value} lines
 */
public record Build(
        Position position,
        Located<String> image,
        Located<String> dockerfile,
        Located<String> context,
        Map<String, Located<String>> args,
        List<Located<String>> encryptedArgsFiles,
        List<Located<String>> encryptedArgs,
        Located<String> target,
        Map<String, Located<String>> labels) {

    public Build {
        args = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
        encryptedArgsFiles = List.copyOf(encryptedArgsFiles);
        encryptedArgs = List.copyOf(encryptedArgs);
        labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    }

    /** The build context folder, {@code .} when none is named. */
    public String contextOrDefault() {
        return context == null ? "." : context.value();
    }

    /** The Dockerfile relative to the context, {@code Dockerfile} when none is named. */
    public String dockerfileOrDefault() {
        return dockerfile == null ? "Dockerfile" : dockerfile.value();
    }
}
