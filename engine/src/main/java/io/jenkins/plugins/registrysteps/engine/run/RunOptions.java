package io.jenkins.plugins.registrysteps.engine.run;

import io.jenkins.plugins.registrysteps.engine.crypt.KeySource;
import io.jenkins.plugins.registrysteps.engine.crypt.SecretMasker;
import java.util.Map;
import java.util.Objects;

/**
 * How a run uses the machine: how many steps run at once, the network containers and builds join ({@code none} for
 * none, null for the daemon's default), and the environment that {@code NAME} without a value is taken from; where the
 * project key for encrypted files comes from, and the masker that hides every decrypted value in the run's output (a
 * face may hand the same masker to its own log).
 */
public record RunOptions(int parallelism, String network, Map<String, String> hostEnvironment, KeySource key,
        SecretMasker masker) {

    public RunOptions {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        hostEnvironment = Map.copyOf(hostEnvironment);
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(masker, "masker");
    }

    /** Options without a project key: a step that needs one fails with "no key". */
    public RunOptions(int parallelism, String network, Map<String, String> hostEnvironment) {
        this(parallelism, network, hostEnvironment, KeySource.NONE, new SecretMasker());
    }

    public RunOptions withKey(KeySource key) {
        return new RunOptions(parallelism, network, hostEnvironment, key, masker);
    }
}
