package io.jenkins.plugins.registrysteps.engine.template;

/** A template that cannot be parsed or rendered; {@link #offset()} points into the template text. */
public final class TemplateException extends Exception {
    private final int offset;

    TemplateException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    /** The 0-based char index into the template text where the problem is. */
    public int offset() {
        return offset;
    }
}
