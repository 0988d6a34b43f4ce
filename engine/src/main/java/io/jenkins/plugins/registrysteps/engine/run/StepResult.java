package io.jenkins.plugins.registrysteps.engine.run;

import java.time.Duration;
import java.util.List;

/**
 * How one step (or group) of a run ended, how long it took, and for a push step what the registry stored.
 *
 * @param pushes the images a push step pushed; empty for other steps and failed pushes
 */
public record StepResult(String name, Status status, Duration duration, String detail, List<PushRecord> pushes) {

    /**
     * A step passes or fails; it is skipped when an earlier step of its serial group failed or the run was cancelled
     * before it began; it is cancelled when the run was cancelled while it ran.
     */
    public enum Status { PASSED, FAILED, SKIPPED, CANCELLED }

    public StepResult {
        pushes = List.copyOf(pushes);
    }

    public StepResult(String name, Status status, Duration duration, String detail) {
        this(name, status, duration, detail, List.of());
    }

    public boolean passed() {
        return status == Status.PASSED;
    }
}
