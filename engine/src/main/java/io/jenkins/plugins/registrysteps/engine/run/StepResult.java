package io.jenkins.plugins.registrysteps.engine.run;

import java.time.Duration;

/** How one step (or group) of a run ended, and how long it took. */
public record StepResult(String name, Status status, Duration duration, String detail) {

    /** A step passes, fails, or is skipped because an earlier step of its serial group failed. */
    public enum Status { PASSED, FAILED, SKIPPED }

    public boolean passed() {
        return status == Status.PASSED;
    }
}
