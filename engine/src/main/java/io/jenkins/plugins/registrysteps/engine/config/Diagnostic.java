package io.jenkins.plugins.registrysteps.engine.config;

/** One finding about a configuration file, printed as {@code FILE:LINE:COL: error: MESSAGE}. */
public record Diagnostic(Severity severity, Position position, String message) {

    public enum Severity {
        ERROR, WARNING;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return position + ": " + severity.label() + ": " + message;
    }
}
