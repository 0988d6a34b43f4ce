package io.jenkins.plugins.registrysteps.cli;

import io.jenkins.plugins.registrysteps.engine.plan.BuildContext;
import io.jenkins.plugins.registrysteps.engine.plan.Plan;
import io.jenkins.plugins.registrysteps.engine.plan.PlanStep;
import io.jenkins.plugins.registrysteps.engine.plan.PushStep;
import io.jenkins.plugins.registrysteps.engine.plan.RunStep;
import io.jenkins.plugins.registrysteps.engine.plan.StepGroup;

/** A plan as an indented tree a person reads at a glance. */
final class PlanText {

    private PlanText() {
    }

    static String render(Plan plan) {
        StringBuilder out = new StringBuilder();
        BuildContext context = plan.context();
        out.append("Plan for ").append(context.gitTag() != null ? "tag " + context.gitTag() : "branch " + context.branch());
        if (!context.commitId().isEmpty()) {
            out.append(" at ").append(context.commitId(), 0, Math.min(12, context.commitId().length()));
        }
        out.append('\n');
        if (plan.steps().isEmpty()) {
            out.append("  (no step runs for this build tag)\n");
        }
        plan.steps().forEach(step -> render(step, "  ", out));
        return out.toString().stripTrailing();
    }

    private static void render(PlanStep step, String indent, StringBuilder out) {
        if (step instanceof StepGroup group) {
            out.append(indent).append(group.parallel() ? "parallel " : "serial   ").append(group.name()).append('\n');
            group.steps().forEach(child -> render(child, indent + "  ", out));
        } else if (step instanceof RunStep run) {
            out.append(indent).append("run      ").append(run.name()).append("\n")
                    .append(indent).append("         ").append(run.service()).append(" $ ").append(oneLine(run.command().text()))
                    .append('\n');
        } else if (step instanceof PushStep push) {
            out.append(indent).append("push     ").append(push.name()).append("\n")
                    .append(indent).append("         ").append(push.service()).append(" -> ").append(push.image())
                    .append(!push.pushTo().isEmpty() ? " to " + String.join(", ", push.pushTo())
                            : push.registry().equals(push.image().registry()) ? "" : " (login: " + push.registry() + ")")
                    .append('\n');
        }
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\n\\s*", " ");
    }
}
