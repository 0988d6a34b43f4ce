package io.jenkins.plugins.registrysteps.engine.template;

import java.util.List;

/** The parse tree of a template. */
sealed interface Node {

    record Text(String text) implements Node {
    }

    record Action(Pipeline pipeline) implements Node {
    }

    /** {@code {{if}}} or {@code {{with}}}; {@code with} also rebinds dot in its first branch. */
    record Conditional(boolean rebindsDot, Pipeline pipeline, List<Node> then, List<Node> otherwise)
            implements Node {
    }

    /** Commands separated by '|'; each result becomes the last argument of the next command. */
    record Pipeline(List<Command> commands, int offset) {
    }

    record Command(List<Operand> operands, int offset) {
    }

    /** One name of a field chain, with where it is in the source for error reports. */
    record FieldName(String name, int offset) {
    }
}
