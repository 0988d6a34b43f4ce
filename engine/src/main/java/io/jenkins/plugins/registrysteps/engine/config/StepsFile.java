package io.jenkins.plugins.registrysteps.engine.config;

import java.util.List;

/** The steps of codeship-steps.yml, in order. */
public record StepsFile(String name, List<StepSpec> steps) {

    public StepsFile {
        steps = List.copyOf(steps);
    }
}
