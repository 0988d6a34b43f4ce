package io.jenkins.plugins.registrysteps.engine.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds, reads and checks a services/steps pair. Every error of both files is reported at once, through a
 * {@link ConfigException}; warnings travel with the result.
 */
public final class ConfigLoader {

    /** Looked for in this order, as jet does; docker-compose.yml is the last resort for services. */
    public static final List<String> SERVICES_FILES = List.of("codeship-services.yml", "codeship-services.yaml",
            "codeship-services.json", "jet-services.yml", "jet-services.yaml", "jet-services.json", "docker-compose.yml",
            "docker-compose.yaml");
    public static final List<String> STEPS_FILES = List.of("codeship-steps.yml", "codeship-steps.yaml",
            "codeship-steps.json", "jet-steps.yml", "jet-steps.yaml", "jet-steps.json");

    private ConfigLoader() {
    }

    /**
     * @param folder  where to look for files not named explicitly, and what names are shown relative to
     * @param services the services file, or {@code null} to look for one in {@code folder}
     * @param steps    the steps file, or {@code null} to look for one in {@code folder}
     */
    public static CodeshipConfig load(Path folder, Path services, Path steps) throws ConfigException {
        Diagnostics diagnostics = new Diagnostics();
        Optional<Path> servicesPath = locate(folder, services, SERVICES_FILES, "services", diagnostics);
        Optional<Path> stepsPath = locate(folder, steps, STEPS_FILES, "steps", diagnostics);
        ServicesFile servicesFile = servicesPath
                .flatMap(p -> YamlFile.read(p, displayName(folder, p), diagnostics))
                .map(file -> new ServicesParser(file, diagnostics).parse())
                .orElse(null);
        StepsFile stepsFile = stepsPath
                .flatMap(p -> YamlFile.read(p, displayName(folder, p), diagnostics))
                .map(file -> new StepsParser(file, diagnostics).parse())
                .orElse(null);
        return check(servicesFile, stepsFile, diagnostics);
    }

    /** Parses a pair held in memory; the names are those shown in findings. */
    public static CodeshipConfig parse(String servicesName, byte[] services, String stepsName, byte[] steps)
            throws ConfigException {
        Diagnostics diagnostics = new Diagnostics();
        ServicesFile servicesFile = YamlFile.parse(services, servicesName, servicesName.endsWith(".json"), diagnostics)
                .map(file -> new ServicesParser(file, diagnostics).parse()).orElse(null);
        StepsFile stepsFile = YamlFile.parse(steps, stepsName, stepsName.endsWith(".json"), diagnostics)
                .map(file -> new StepsParser(file, diagnostics).parse()).orElse(null);
        return check(servicesFile, stepsFile, diagnostics);
    }

    private static CodeshipConfig check(ServicesFile services, StepsFile steps, Diagnostics diagnostics)
            throws ConfigException {
        if (services != null) {
            ConfigValidator validator = new ConfigValidator(services, diagnostics);
            validator.validateServices();
            if (steps != null) {
                validator.validateSteps(steps);
            }
        }
        if (diagnostics.hasErrors() || services == null || steps == null) {
            throw new ConfigException(diagnostics.sorted());
        }
        return new CodeshipConfig(services, steps, diagnostics.sorted());
    }

    private static Optional<Path> locate(Path folder, Path given, List<String> candidates, String what, Diagnostics diagnostics) {
        if (given != null) {
            Path path = given.isAbsolute() ? given : folder.resolve(given);
            if (Files.isRegularFile(path)) {
                return Optional.of(path);
            }
            diagnostics.error(Position.startOf(given.toString()), "no such " + what + " file: check the path"
                    + (Files.isDirectory(path) ? " (it is a folder)" : ""));
            return Optional.empty();
        }
        for (String candidate : candidates) {
            Path path = folder.resolve(candidate);
            if (Files.isRegularFile(path)) {
                return Optional.of(path);
            }
        }
        diagnostics.error(Position.startOf(folder.resolve(candidates.get(0)).toString()), "no " + what + " file in "
                + folder.toAbsolutePath().normalize() + ": looked for " + String.join(", ", candidates)
                + "; give the " + what + " file's path (--" + what + " on the command line, " + what + ": in a Jenkins step)");
        return Optional.empty();
    }

    private static String displayName(Path folder, Path file) {
        Path absoluteFolder = folder.toAbsolutePath().normalize();
        Path absoluteFile = file.toAbsolutePath().normalize();
        return absoluteFile.startsWith(absoluteFolder) ? absoluteFolder.relativize(absoluteFile).toString() : file.toString();
    }
}
