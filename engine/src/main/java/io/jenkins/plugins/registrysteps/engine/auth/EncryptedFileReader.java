package io.jenkins.plugins.registrysteps.engine.auth;

import io.jenkins.plugins.registrysteps.engine.crypt.CryptException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Decrypts a file encrypted with {@code jet encrypt} (the project's AES key), for {@code encrypted_dockercfg_path}; a run
 * reads them with engine.crypt and its key.
 */
@FunctionalInterface
public interface EncryptedFileReader {

    /** @throws IOException when there is no key or the file does not decrypt with it; the message says how to fix it */
    byte[] read(Path file) throws IOException;

    /** For runs without a project key: every encrypted file is an error that says so. */
    static EncryptedFileReader noKey() {
        return file -> {
            throw new LoginException("cannot decrypt " + file.getFileName() + ": " + CryptException.NO_KEY);
        };
    }
}
