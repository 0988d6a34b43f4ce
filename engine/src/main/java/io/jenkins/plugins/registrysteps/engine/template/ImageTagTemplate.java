package io.jenkins.plugins.registrysteps.engine.template;

import io.jenkins.plugins.registrysteps.engine.spelling.DidYouMean;
import java.util.List;

/**
 * An {@code image_tag} value: a literal or a Go text/template over Codeship's 18 build variables. Syntax errors and
 * unknown variables are found when parsing, so a steps file can be checked before any build.
 */
public final class ImageTagTemplate {

    private final String source;
    private final List<Node> nodes;

    private ImageTagTemplate(String source, List<Node> nodes) {
        this.source = source;
        this.nodes = nodes;
    }

    public static ImageTagTemplate parse(String text) throws TemplateException {
        List<Node> nodes = TemplateParser.parse(text);
        checkFields(nodes, true);
        return new ImageTagTemplate(text, nodes);
    }

    /** The rendered text, before it is made a valid tag. */
    public String render(TemplateData data) throws TemplateException {
        return new Execution(data).render(nodes);
    }

    /** The rendered text made a valid tag; an empty result is an error. */
    public String renderTag(TemplateData data) throws TemplateException {
        String raw = render(data);
        String tag = ImageTag.sanitize(raw);
        if (tag.isEmpty()) {
            throw new TemplateException(raw.isEmpty() ? "image_tag renders to an empty tag"
                    : "image_tag renders to \"" + raw + "\", which holds no character allowed in a tag", 0);
        }
        return tag;
    }

    /** True when the value holds no action at all. */
    public boolean isLiteral() {
        return nodes.stream().allMatch(Node.Text.class::isInstance);
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }

    /** Fields read from the build data must be among the 18 variables; deeper ones only the time's methods. */
    private static void checkFields(List<Node> nodes, boolean dotIsData) throws TemplateException {
        for (Node node : nodes) {
            if (node instanceof Node.Action action) {
                checkFields(action.pipeline(), dotIsData);
            } else if (node instanceof Node.If choice) {
                for (Node.Arm arm : choice.arms()) {
                    checkFields(arm.condition(), dotIsData);
                    checkFields(arm.body(), dotIsData);
                }
                checkFields(choice.otherwise(), dotIsData);
            } else if (node instanceof Node.With with) {
                checkFields(with.pipeline(), dotIsData);
                checkFields(with.body(), false);
                checkFields(with.otherwise(), dotIsData);
            }
        }
    }

    private static void checkFields(Node.Pipeline pipeline, boolean dotIsData) throws TemplateException {
        for (Node.Command command : pipeline.commands()) {
            for (Node.Operand operand : command.operands()) {
                if (operand instanceof Node.Field field && (dotIsData || field.fromRoot())) {
                    checkField(field);
                } else if (operand instanceof Node.Group group) {
                    checkFields(group.pipeline(), dotIsData);
                }
            }
        }
    }

    private static void checkField(Node.Field field) throws TemplateException {
        String variable = field.names().get(0);
        int offset = field.offset() + (field.fromRoot() ? 1 : 0);
        if (!TemplateData.VARIABLES.contains(variable)) {
            throw new TemplateException("unknown variable ." + variable + suggestion(variable) + "; known: "
                    + String.join(", ", TemplateData.VARIABLES), offset);
        }
        if (field.names().size() > 1) {
            String member = field.names().get(1);
            boolean method = variable.equals("Time") && GoTime.hasMethod(member) && (field.names().size() == 2
                    || member.equals("UTC") && GoTime.hasMethod(field.names().get(2)));
            if (!method) {
                throw new TemplateException("can't evaluate field " + member + " in type "
                        + (variable.equals("Time") ? "time.Time" : variable.equals("Timestamp") ? "int64" : "string"), offset);
            }
        }
    }

    private static String suggestion(String variable) {
        return DidYouMean.closest(variable, TemplateData.VARIABLES).map(known -> " (did you mean ." + known + "?)").orElse("");
    }
}
