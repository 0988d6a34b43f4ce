package io.jenkins.plugins.registrysteps.engine.template;

import io.jenkins.plugins.registrysteps.engine.spelling.DidYouMean;
import java.util.List;

/**
 * Parse-time check of field names against the known data, so a typo fails when the pipeline is loaded rather
 * than in the middle of a build. Go itself only notices at execution.
 */
final class FieldCheck {
    private FieldCheck() {
    }

    static void check(List<Node> nodes) throws TemplateException {
        walk(nodes, StaticType.DATA);
    }

    private static void walk(List<Node> nodes, StaticType dot) throws TemplateException {
        for (Node node : nodes) {
            if (node instanceof Node.Action action) {
                pipeline(action.pipeline(), dot);
            } else if (node instanceof Node.Conditional conditional) {
                StaticType value = pipeline(conditional.pipeline(), dot);
                walk(conditional.then(), conditional.rebindsDot() ? value : dot);
                walk(conditional.otherwise(), dot);
            }
        }
    }

    /** Checks every operand; returns the type of the pipeline's value when it is a plain field chain. */
    private static StaticType pipeline(Node.Pipeline pipeline, StaticType dot) throws TemplateException {
        StaticType result = StaticType.UNKNOWN;
        for (Node.Command command : pipeline.commands()) {
            for (Operand operand : command.operands()) {
                StaticType type = operand(operand, dot);
                if (operand == command.operands().get(0)) {
                    result = type;
                }
            }
        }
        return pipeline.commands().size() == 1 ? result : StaticType.UNKNOWN;
    }

    private static StaticType operand(Operand operand, StaticType dot) throws TemplateException {
        if (operand instanceof Operand.Field field) {
            return resolve(field.names(), dot);
        } else if (operand instanceof Operand.Root root) {
            return resolve(root.names(), StaticType.DATA);
        } else if (operand instanceof Operand.Chain chain) {
            return resolve(chain.names(), operand(chain.base(), dot));
        } else if (operand instanceof Operand.SubPipeline sub) {
            return pipeline(sub.pipeline(), dot);
        } else if (operand instanceof Operand.Dot) {
            return dot;
        }
        return StaticType.UNKNOWN;
    }

    private static StaticType resolve(List<Node.FieldName> names, StaticType start) throws TemplateException {
        StaticType type = start;
        for (Node.FieldName field : names) {
            String name = field.name();
            if (type == StaticType.UNKNOWN) {
                return type;
            }
            var method = Method.find(type, name);
            if (method.isPresent()) {
                type = method.get().result();
            } else if (type == StaticType.DATA && TemplateData.VARIABLES.contains(name)) {
                type = TemplateData.typeOf(name);
            } else if (type == StaticType.DATA) {
                throw new TemplateException(unknownVariable(name), field.offset());
            } else {
                String suggestion = DidYouMean.closest(name, Method.names(type)).map(m -> " (did you mean " + m + "?)")
                        .orElse("");
                throw new TemplateException("can't evaluate field " + name + " in type " + type.goName()
                        + suggestion, field.offset());
            }
        }
        return type;
    }

    private static String unknownVariable(String name) {
        String suggestion = DidYouMean.closest(name, TemplateData.VARIABLES).map(v -> " (did you mean ." + v + "?)")
                .orElse("");
        return "unknown variable ." + name + " in image_tag template" + suggestion + "; known: "
                + String.join(", ", TemplateData.VARIABLES);
    }
}
