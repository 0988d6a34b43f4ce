package io.jenkins.plugins.registrysteps.engine.crypt;

import java.nio.file.Path;

/**
 * Where a run finds its project key, asked only when an encrypted file needs it: a run without encrypted files never
 * reads the key file, and one that needs a key and has none fails that step with {@link CryptException#NO_KEY}.
 */
@FunctionalInterface
public interface KeySource {

    /** No key at all. */
    KeySource NONE = () -> {
        throw CryptException.noKey();
    };

    JetKey key() throws CryptException;

    static KeySource of(JetKey key) {
        return () -> key;
    }

    /** The key in a file, read at the first need and kept; a missing file is "no key". */
    static KeySource file(Path file) {
        return new KeySource() {
            private JetKey key;

            @Override
            public synchronized JetKey key() throws CryptException {
                if (key == null) {
                    key = JetKey.read(file);
                }
                return key;
            }
        };
    }
}
