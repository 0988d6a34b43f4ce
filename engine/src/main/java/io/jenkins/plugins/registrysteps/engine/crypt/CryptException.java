package io.jenkins.plugins.registrysteps.engine.crypt;

import java.io.IOException;

/**
 * A key that is missing or malformed, or a file that does not decrypt with it; the message says which file and how to
 * fix it, and never holds a key or a decrypted byte.
 */
public final class CryptException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The seeds' "jet: no key", with the fix. */
    public static final String NO_KEY = "no key: put the project's AES key in codeship.aes or name the credential that holds it";

    public CryptException(String message) {
        super(message);
    }

    static CryptException noKey() {
        return new CryptException(NO_KEY);
    }

    /** A wrong key or a corrupt file: AES-CFB cannot tell them apart, so the fix covers both. */
    static CryptException cannotDecrypt(String name) {
        return new CryptException("could not decrypt " + name + " with this key: re-download the key and re-encrypt");
    }
}
