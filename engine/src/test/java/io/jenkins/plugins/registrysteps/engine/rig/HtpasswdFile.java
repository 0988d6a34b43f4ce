package io.jenkins.plugins.registrysteps.engine.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** An htpasswd file of bcrypt entries, the only hash distribution's htpasswd auth accepts. */
final class HtpasswdFile {

    // htpasswd -B's default cost: the registry checks the hash on every request, so it stays cheap
    private static final int COST = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private HtpasswdFile() {
    }

    /** Writes one {@code user:$2y$...} line per user (in the map's order); returns the file. */
    static Path write(Path file, Map<String, String> passwords) {
        StringBuilder lines = new StringBuilder();
        passwords.forEach((user, password) -> lines.append(user).append(':').append(bcrypt(password)).append('\n'));
        try {
            return Files.writeString(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String bcrypt(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate("2y", password.getBytes(StandardCharsets.UTF_8), salt, COST);
    }
}
