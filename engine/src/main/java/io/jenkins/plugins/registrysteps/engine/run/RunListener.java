package io.jenkins.plugins.registrysteps.engine.run;

import io.jenkins.plugins.registrysteps.engine.plan.PlanStep;

/** Follows a run as it happens: a face (CLI, Jenkins) shows these as they come. */
public interface RunListener {

    default void started(PlanStep step) {
    }

    /** One line of a step's output, or of its service image's build. */
    default void output(PlanStep step, String line) {
    }

    default void finished(PlanStep step, StepResult result) {
    }
}
