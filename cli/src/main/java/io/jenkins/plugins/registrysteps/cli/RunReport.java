package io.jenkins.plugins.registrysteps.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.registrysteps.engine.docker.DockerException;
import io.jenkins.plugins.registrysteps.engine.plan.Plan;
import io.jenkins.plugins.registrysteps.engine.plan.PlanStep;
import io.jenkins.plugins.registrysteps.engine.plan.StepGroup;
import io.jenkins.plugins.registrysteps.engine.run.PushRecord;
import io.jenkins.plugins.registrysteps.engine.run.RunListener;
import io.jenkins.plugins.registrysteps.engine.run.RunResult;
import io.jenkins.plugins.registrysteps.engine.run.Runner;
import io.jenkins.plugins.registrysteps.engine.run.StepResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * How {@code steps} and {@code demo} show a run: each output line as {@code [step] text} while it runs, then a
 * summary table and the pushed images, or with {@code --json} all results as JSON.
 */
final class RunReport {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    RunReport(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    /** Where the runner sends what happens: stdout, or stderr when stdout is kept for the JSON. */
    RunListener listener() {
        return new Printer(json ? err : out);
    }

    /** Runs the plan, cancelled on Ctrl-C, and reports; returns the exit code. */
    int run(Runner runner, Plan plan) throws IOException, InterruptedException {
        try (CancelOnExit cancel = new CancelOnExit(runner, err)) {
            RunResult result = runner.run(plan);
            if (json) {
                out.println(DiagnosticOutput.JSON.writeValueAsString(json(result)));
            } else {
                summary(result);
            }
            out.flush();
            return result.passed() ? 0 : Main.FAILED;
        } catch (DockerException e) {
            err.println("error: " + e.getMessage());
            return Main.FAILED;
        }
    }

    /** Each line as {@code [step] text}; each end as {@code [step] passed in 1.2 s}. */
    private record Printer(PrintWriter out) implements RunListener {
        @Override
        public void output(PlanStep step, String line) {
            synchronized (out) {
                out.println("[" + step.name() + "] " + line);
                out.flush();
            }
        }

        @Override
        public void finished(PlanStep step, StepResult result) {
            if (step instanceof StepGroup) {
                return;
            }
            synchronized (out) {
                out.println("[" + step.name() + "] " + label(result) + (result.detail().isEmpty() ? "" : ": " + result.detail()));
                out.flush();
            }
        }
    }

    private void summary(RunResult result) {
        out.println();
        out.printf("%-9s %9s  %s%n", "STATUS", "DURATION", "STEP");
        for (StepResult step : result.steps()) {
            out.printf("%-9s %9s  %s%n", step.status().name().toLowerCase(Locale.ROOT),
                    String.format(Locale.ROOT, "%.1f s", step.duration().toMillis() / 1000.0), step.name());
        }
        for (StepResult step : result.steps()) {
            for (PushRecord push : step.pushes()) {
                out.printf("pushed %s/%s:%s %s (%s)%n", push.registry(), push.repository(), String.join(",", push.tags()),
                        push.digest(), size(push.size()));
            }
        }
        out.println(result.cancelled() ? "the run was cancelled" : result.passed() ? "all steps passed" : "the pipeline failed");
    }

    private static String size(long bytes) {
        return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    private static String label(StepResult result) {
        return result.status().name().toLowerCase(Locale.ROOT)
                + (result.status() == StepResult.Status.SKIPPED ? "" : String.format(Locale.ROOT, " in %.1f s",
                        result.duration().toMillis() / 1000.0));
    }

    private static ObjectNode json(RunResult result) {
        ObjectNode root = DiagnosticOutput.JSON.createObjectNode().put("passed", result.passed())
                .put("cancelled", result.cancelled());
        ArrayNode steps = root.putArray("steps");
        for (StepResult step : result.steps()) {
            ObjectNode node = steps.addObject().put("name", step.name()).put("status", step.status().name().toLowerCase(Locale.ROOT))
                    .put("durationMillis", step.duration().toMillis()).put("detail", step.detail());
            if (!step.pushes().isEmpty()) {
                ArrayNode pushes = node.putArray("pushes");
                step.pushes().forEach(push -> pushes.add(PushJson.of(push)));
            }
        }
        return root;
    }
}
