package io.jenkins.plugins.registrysteps.engine.registry;

import java.io.IOException;

/**
 * A registry request that failed, said as action, object and cause: {@code push blob sha256:… to 127.0.0.1:5000/app:
 * status 500 …}. Never holds a credential.
 */
public final class RegistryException extends IOException {

    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY = 400;

    private final int status;

    public RegistryException(String message, int status) {
        super(message);
        this.status = status;
    }

    public RegistryException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
        this.status = 0;
    }

    static RegistryException of(String action, int status, String body) {
        String shown = body == null ? "" : body.strip();
        if (shown.length() > MAX_BODY) {
            shown = shown.substring(0, MAX_BODY) + "…";
        }
        return new RegistryException(action + ": status " + status + (shown.isEmpty() ? "" : " " + shown), status);
    }

    /** The HTTP status, or 0 when no response came. */
    public int status() {
        return status;
    }
}
