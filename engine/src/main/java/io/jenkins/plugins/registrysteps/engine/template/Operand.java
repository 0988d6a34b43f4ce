package io.jenkins.plugins.registrysteps.engine.template;

import java.util.List;

/** An argument of a command; {@link #source()} is its template text, as Go's messages quote it. */
sealed interface Operand {
    int offset();

    String source();

    /** {@code .A.B}: fields looked up from dot. */
    record Field(List<Node.FieldName> names, int offset, String source) implements Operand {
    }

    /** {@code $} or {@code $.A.B}: fields looked up from the data the template was executed with. */
    record Root(List<Node.FieldName> names, int offset, String source) implements Operand {
    }

    /** {@code (pipeline).A.B}. */
    record Chain(Operand base, List<Node.FieldName> names, int offset, String source) implements Operand {
    }

    record Dot(int offset, String source) implements Operand {
    }

    record Function(String name, int offset, String source) implements Operand {
    }

    /** A string, number, boolean, character or nil literal, already converted to its Go value. */
    record Literal(Object value, int offset, String source) implements Operand {
    }

    record SubPipeline(Node.Pipeline pipeline, int offset, String source) implements Operand {
    }
}
