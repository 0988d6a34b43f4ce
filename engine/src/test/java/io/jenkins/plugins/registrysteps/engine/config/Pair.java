package io.jenkins.plugins.registrysteps.engine.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** A services/steps pair written inline in a test. */
public final class Pair {

    public static final String SERVICES = "codeship-services.yml";
    public static final String STEPS = "codeship-steps.yml";

    private Pair() {
    }

    public static CodeshipConfig load(String services, String steps) throws ConfigException {
        return ConfigLoader.parse(SERVICES, services.getBytes(StandardCharsets.UTF_8), STEPS,
                steps.getBytes(StandardCharsets.UTF_8));
    }

    /** The printed findings of a pair that must not load. */
    public static List<String> errors(String services, String steps) {
        try {
            load(services, steps);
        } catch (ConfigException e) {
            return e.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::toString).toList();
        }
        assertThatThrownBy(() -> load(services, steps)).as("the pair should not load").isInstanceOf(ConfigException.class);
        return List.of();
    }

    public static List<String> warnings(String services, String steps) throws ConfigException {
        return load(services, steps).warnings().stream().map(Diagnostic::toString).toList();
    }
}
