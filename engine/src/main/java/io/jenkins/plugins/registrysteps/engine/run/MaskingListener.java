package io.jenkins.plugins.registrysteps.engine.run;

import io.jenkins.plugins.registrysteps.engine.crypt.SecretMasker;
import io.jenkins.plugins.registrysteps.engine.plan.PlanStep;

/** Passes a run's events on with every registered secret in the output masked. */
record MaskingListener(RunListener listener, SecretMasker masker) implements RunListener {

    @Override
    public void started(PlanStep step) {
        listener.started(step);
    }

    @Override
    public void output(PlanStep step, String line) {
        listener.output(step, masker.mask(line));
    }

    @Override
    public void finished(PlanStep step, StepResult result) {
        listener.finished(step, result);
    }
}
