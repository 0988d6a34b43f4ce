package io.jenkins.plugins.registrysteps.engine.image;

/** An image name that Docker would reject; the message says why and how to write it. */
public final class InvalidReferenceException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidReferenceException(String message) {
        super(message);
    }
}
