package io.jenkins.plugins.registrysteps;

import io.jenkins.plugins.registrysteps.engine.crypt.SecretMasker;
import io.jenkins.plugins.registrysteps.engine.plan.BuildContext;
import io.jenkins.plugins.registrysteps.engine.plan.PlanStep;
import io.jenkins.plugins.registrysteps.engine.plan.StepGroup;
import io.jenkins.plugins.registrysteps.engine.run.RunListener;
import io.jenkins.plugins.registrysteps.engine.run.StepResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Shows a run in the build log as the CLI does ({@code [step] line}, {@code [step] passed in 1.2 s}), every line masked,
 * and collects what the push steps pushed.
 */
final class ConsoleRunListener implements RunListener {

    private final PrintStream log;
    private final SecretMasker masker;
    private final BuildContext context;
    private final List<PushRecord> pushes = new ArrayList<>();

    ConsoleRunListener(PrintStream log, SecretMasker masker, BuildContext context) {
        this.log = log;
        this.masker = masker;
        this.context = context;
    }

    @Override
    public void output(PlanStep step, String line) {
        print("[" + step.name() + "] " + line);
    }

    @Override
    public void finished(PlanStep step, StepResult result) {
        if (step instanceof StepGroup) {
            return;
        }
        print("[" + step.name() + "] " + label(result) + (result.detail().isEmpty() ? "" : ": " + result.detail()));
        addPushes(EngineBridge.pushesOf(result, context));
    }

    synchronized List<PushRecord> pushes() {
        return new ArrayList<>(pushes);
    }

    private synchronized void addPushes(List<PushRecord> pushed) {
        pushes.addAll(pushed);
    }

    private void print(String line) {
        synchronized (log) {
            log.println(masker.mask(line));
        }
    }

    private static String label(StepResult result) {
        String status = result.status().name().toLowerCase(Locale.ROOT);
        return result.status() == StepResult.Status.SKIPPED ? status
                : String.format(Locale.ROOT, "%s in %.1f s", status, result.duration().toMillis() / 1000.0);
    }
}
