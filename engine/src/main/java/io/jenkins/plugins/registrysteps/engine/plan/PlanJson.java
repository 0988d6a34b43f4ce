package io.jenkins.plugins.registrysteps.engine.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The documented JSON form of a plan: {@code {"steps": [NODE, ...]}}. */
public final class PlanJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanJson() {
    }

    public static String write(Plan plan) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode steps = root.putArray("steps");
        plan.steps().forEach(step -> steps.add(node(step)));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plan is always writable as JSON", e);
        }
    }

    static ObjectNode node(PlanStep step) {
        ObjectNode node = MAPPER.createObjectNode();
        if (step instanceof RunStep run) {
            node.put("type", "run").put("name", run.name()).put("service", run.service())
                    .put("command", run.command().text());
        } else if (step instanceof PushStep push) {
            node.put("type", "push").put("name", push.name()).put("service", push.service())
                    .put("image", push.image().repository()).put("tag", push.image().tag())
                    .put("registry", push.registry());
            if (!push.pushTo().isEmpty()) {
                ArrayNode pushTo = node.putArray("push_to");
                push.pushTo().forEach(pushTo::add);
            }
        } else if (step instanceof StepGroup group) {
            node.put("type", group.parallel() ? "parallel" : "serial").put("name", group.name());
            ArrayNode children = node.putArray("steps");
            group.steps().forEach(child -> children.add(node(child)));
        }
        return node;
    }
}
