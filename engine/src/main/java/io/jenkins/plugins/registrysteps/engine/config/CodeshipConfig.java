package io.jenkins.plugins.registrysteps.engine.config;

import java.util.List;

/** A checked services/steps pair, with the warnings found while checking it. */
public record CodeshipConfig(ServicesFile services, StepsFile steps, List<Diagnostic> warnings) {

    public CodeshipConfig {
        warnings = List.copyOf(warnings);
    }
}
