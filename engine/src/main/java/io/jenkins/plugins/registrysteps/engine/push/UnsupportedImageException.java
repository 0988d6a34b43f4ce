package io.jenkins.plugins.registrysteps.engine.push;

import java.io.IOException;

/**
 * The engine cannot push this image itself (a save layout it does not know, foreign layers, a save that fails or does
 * not match the image): the daemon pushes it instead.
 */
final class UnsupportedImageException extends IOException {

    private static final long serialVersionUID = 1L;

    UnsupportedImageException(String message) {
        super(message);
    }

    UnsupportedImageException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
