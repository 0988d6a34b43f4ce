package io.jenkins.plugins.registrysteps.engine.crypt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Hides registered secrets in output lines: each occurrence becomes {@code ****}. Secrets shorter than 3 characters
 * are not masked (they would blank out ordinary text); a secret of several lines is also registered line by line, so
 * it stays hidden when its output is split into lines. Safe to use from parallel steps.
 */
public final class SecretMasker {

    /** What a masked secret reads as. */
    public static final String MASK = "****";

    private static final int SHORTEST = 3;

    /** Longest first, so a secret that contains another is masked whole. */
    private volatile List<String> secrets = List.of();

    public synchronized void register(String secret) {
        List<String> more = new ArrayList<>(secrets);
        add(more, secret);
        for (String line : secret.split("\\R")) {
            add(more, line.strip());
        }
        more.sort(Comparator.comparingInt(String::length).reversed());
        secrets = List.copyOf(more);
    }

    private static void add(List<String> secrets, String secret) {
        if (secret.length() >= SHORTEST && !secrets.contains(secret)) {
            secrets.add(secret);
        }
    }

    public String mask(String line) {
        String masked = line;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }
}
