package io.jenkins.plugins.registrysteps.engine.template;

/** A template that cannot be parsed or rendered; {@link #offset()} is where in its text the problem is. */
public final class TemplateException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int offset;

    public TemplateException(String message, int offset) {
        super(message);
        this.offset = Math.max(0, offset);
    }

    /** 0-based index into the template text. */
    public int offset() {
        return offset;
    }
}
