package io.jenkins.plugins.registrysteps.engine.run;

import java.util.List;

/** Every step's result, in the order the steps finished, and whether the run was cancelled. */
public record RunResult(List<StepResult> steps, boolean cancelled) {

    public RunResult {
        steps = List.copyOf(steps);
    }

    public boolean passed() {
        return !cancelled && steps.stream().noneMatch(step -> step.status() == StepResult.Status.FAILED);
    }
}
