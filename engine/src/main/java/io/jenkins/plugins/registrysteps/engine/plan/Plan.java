package io.jenkins.plugins.registrysteps.engine.plan;

import java.util.List;

/** The steps that run for one build, filters applied and templates rendered. */
public record Plan(BuildContext context, List<PlanStep> steps) {

    public Plan {
        steps = List.copyOf(steps);
    }
}
