package io.jenkins.plugins.registrysteps.engine.plan;

import io.jenkins.plugins.registrysteps.engine.config.Position;

/** One node of a plan: a command to run, an image to push, or a group of nodes. */
public sealed interface PlanStep permits RunStep, PushStep, StepGroup {

    /** Unique within the plan. */
    String name();

    /** Where the step was written in the steps file. */
    Position position();
}
