package io.jenkins.plugins.registrysteps.engine.auth;

import java.io.IOException;

/** A login source is there but unusable; the message names the source, what is wrong and the fix, never a secret. */
public final class LoginException extends IOException {

    private static final long serialVersionUID = 1L;

    public LoginException(String message) {
        super(message);
    }

    public LoginException(String message, Throwable cause) {
        super(message, cause);
    }
}
