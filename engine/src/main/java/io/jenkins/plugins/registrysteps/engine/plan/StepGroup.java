package io.jenkins.plugins.registrysteps.engine.plan;

import io.jenkins.plugins.registrysteps.engine.config.Position;
import java.util.List;

/** Steps run one after another ({@code parallel == false}) or at once. */
public record StepGroup(String name, Position position, boolean parallel, List<PlanStep> steps) implements PlanStep {

    public StepGroup {
        steps = List.copyOf(steps);
    }
}
