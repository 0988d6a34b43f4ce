package io.jenkins.plugins.registrysteps.cli;

import io.jenkins.plugins.registrysteps.engine.config.CodeshipConfig;
import io.jenkins.plugins.registrysteps.engine.config.ConfigException;
import io.jenkins.plugins.registrysteps.engine.config.ConfigLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --services} and {@code --steps} options every pipeline command takes. */
final class ConfigFiles {

    @Option(names = "--services", paramLabel = "FILE",
            description = "services file (default: codeship-services.yml, .yaml or .json, jet-services.yml, docker-compose.yml)")
    Path services;

    @Option(names = "--steps", paramLabel = "FILE",
            description = "steps file (default: codeship-steps.yml, .yaml or .json, jet-steps.yml)")
    Path steps;

    CodeshipConfig load() throws ConfigException {
        return ConfigLoader.load(Path.of(""), services, steps);
    }

    /** The folder git and relative paths are read from: the steps file's, else the current one. */
    Path folder() {
        Path parent = steps != null ? steps.toAbsolutePath().getParent() : null;
        return parent != null ? parent : Path.of("").toAbsolutePath();
    }

    /** The project root that build contexts, env files and volumes are relative to: the services file's folder. */
    Path projectFolder() {
        Path parent = services != null ? services.toAbsolutePath().getParent() : null;
        return parent != null ? parent : folder();
    }
}
