package io.jenkins.plugins.registrysteps.engine.plan;

import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import java.util.ArrayList;
import java.util.List;

/** The steps that run for one build, filters applied and templates rendered. */
public record Plan(BuildContext context, List<PlanStep> steps) {

    public Plan {
        steps = List.copyOf(steps);
    }

    /**
     * The same plan with every push to registry {@code from} going to {@code to}: a registry standing in for another,
     * as the demo's own registry stands in for the example's {@code localhost:5000}.
     */
    public Plan withRegistry(String from, String to) {
        return new Plan(context, withRegistry(steps, from, to));
    }

    private static List<PlanStep> withRegistry(List<PlanStep> steps, String from, String to) {
        List<PlanStep> replaced = new ArrayList<>();
        for (PlanStep step : steps) {
            if (step instanceof StepGroup group) {
                replaced.add(new StepGroup(group.name(), group.position(), group.parallel(), withRegistry(group.steps(), from, to)));
            } else if (step instanceof PushStep push && push.image().registry().equals(from)) {
                ImageReference image = push.image();
                replaced.add(new PushStep(push.name(), push.position(), push.service(),
                        new ImageReference(to, image.path(), image.tag(), image.digest()),
                        push.registry().equals(from) ? to : push.registry(), push.login(),
                        push.pushTo().stream().map(registry -> registry.equals(from) ? to : registry).toList()));
            } else {
                replaced.add(step);
            }
        }
        return replaced;
    }
}
