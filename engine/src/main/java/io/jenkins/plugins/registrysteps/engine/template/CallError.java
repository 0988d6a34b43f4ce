package io.jenkins.plugins.registrysteps.engine.template;

/** A function or method refused its arguments; the renderer reports it as Go's "error calling X: ...". */
final class CallError extends Exception {
    CallError(String message) {
        super(message);
    }
}
