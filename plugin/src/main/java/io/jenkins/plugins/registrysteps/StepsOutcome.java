package io.jenkins.plugins.registrysteps;

import io.jenkins.plugins.registrysteps.engine.run.RunResult;
import io.jenkins.plugins.registrysteps.engine.run.StepResult;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How a {@code codeshipSteps} run ended, brought back from the agent: every step's result and every push. */
final class StepsOutcome implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ArrayList<Step> steps = new ArrayList<>();
    private final ArrayList<PushRecord> pushes;
    private final boolean passed;

    StepsOutcome(RunResult result, List<PushRecord> pushes) {
        for (StepResult step : result.steps()) {
            steps.add(new Step(step.name(), step.status().name().toLowerCase(Locale.ROOT), step.duration().toMillis(),
                    step.detail()));
        }
        this.pushes = new ArrayList<>(pushes);
        this.passed = result.passed();
    }

    boolean passed() {
        return passed;
    }

    List<PushRecord> pushes() {
        return new ArrayList<>(pushes);
    }

    /** The names of the steps that failed, for the build's error. */
    List<String> failed() {
        return steps.stream().filter(step -> step.status.equals("failed")).map(step -> step.name).toList();
    }

    /** What Pipeline receives: per step name, status, duration (ms), detail, and the pushes it made. */
    ArrayList<Map<String, Object>> toMaps() {
        ArrayList<Map<String, Object>> maps = new ArrayList<>();
        for (Step step : steps) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("name", step.name);
            map.put("status", step.status);
            map.put("duration", step.durationMillis);
            map.put("detail", step.detail);
            ArrayList<Map<String, Object>> stepPushes = new ArrayList<>();
            pushes.stream().filter(push -> step.name.equals(push.getStep())).forEach(push -> stepPushes.add(push.toMap()));
            map.put("pushes", stepPushes);
            maps.add(map);
        }
        return maps;
    }

    private static final class Step implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final String status;
        private final long durationMillis;
        private final String detail;

        Step(String name, String status, long durationMillis, String detail) {
            this.name = name;
            this.status = status;
            this.durationMillis = durationMillis;
            this.detail = detail;
        }
    }
}
