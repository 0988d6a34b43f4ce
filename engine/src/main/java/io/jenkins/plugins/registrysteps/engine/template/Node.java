package io.jenkins.plugins.registrysteps.engine.template;

import java.util.List;

/** The parsed form of a template: text, actions and the control structures image tags need. */
sealed interface Node permits Node.Text, Node.Action, Node.If, Node.With {

    record Text(String text) implements Node {
    }

    record Action(Pipeline pipeline) implements Node {
    }

    /** {@code if}/{@code else if} arms in order, then the {@code else} body (maybe empty). */
    record If(List<Arm> arms, List<Node> otherwise) implements Node {
    }

    record With(Pipeline pipeline, List<Node> body, List<Node> otherwise) implements Node {
    }

    record Arm(Pipeline condition, List<Node> body) {
    }

    /** Commands joined by {@code |}: each result becomes the last argument of the next command. */
    record Pipeline(List<Command> commands, int offset) {
    }

    record Command(List<Operand> operands, int offset) {
    }

    /** What an argument can be. */
    sealed interface Operand permits Field, Dot, Literal, Function, Group {
        int offset();
    }

    /** {@code .A.B} relative to dot, or {@code $.A.B} from the data when {@code fromRoot}. */
    record Field(List<String> names, boolean fromRoot, int offset) implements Operand {
    }

    record Dot(int offset) implements Operand {
    }

    /** A string, number, bool or nil constant. */
    record Literal(Object value, int offset) implements Operand {
    }

    record Function(String name, int offset) implements Operand {
    }

    record Group(Pipeline pipeline, int offset) implements Operand {
    }
}
