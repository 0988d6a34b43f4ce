package io.jenkins.plugins.registrysteps.engine.docker;

import java.io.IOException;

/** A daemon request that failed, said as action and cause: {@code build image from ./web: ...}. */
public final class DockerException extends IOException {

    private static final long serialVersionUID = 1L;

    public DockerException(String message) {
        super(message);
    }

    public DockerException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
