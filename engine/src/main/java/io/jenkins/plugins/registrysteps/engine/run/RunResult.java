package io.jenkins.plugins.registrysteps.engine.run;

import java.util.List;

/** Every step's result, in the order the steps finished. */
public record RunResult(List<StepResult> steps) {

    public RunResult {
        steps = List.copyOf(steps);
    }

    public boolean passed() {
        return steps.stream().noneMatch(step -> step.status() == StepResult.Status.FAILED);
    }
}
