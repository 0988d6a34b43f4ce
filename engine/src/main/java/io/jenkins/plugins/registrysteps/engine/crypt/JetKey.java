package io.jenkins.plugins.registrysteps.engine.crypt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Codeship project key, as {@code codeship.aes} holds it: the standard base64 of 32 random bytes (AES-256), maybe
 * followed by a newline. The bytes never appear in {@link #toString()} or in an error.
 */
public final class JetKey {

    /** The key file's name in a project, as {@code jet} looks for it. */
    public static final String FILE_NAME = "codeship.aes";

    private static final int LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] bytes;

    private JetKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A new random key, as {@code jet generate} makes. */
    public static JetKey generate() {
        byte[] bytes = new byte[LENGTH];
        RANDOM.nextBytes(bytes);
        return new JetKey(bytes);
    }

    /** Reads a key file; a missing file is the seeds' "no key". */
    public static JetKey read(Path file) throws CryptException {
        if (!Files.isRegularFile(file)) {
            throw CryptException.noKey();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new CryptException("could not read the key file " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /**
     * A key from its text, e.g. a secret-text credential.
     *
     * @param source what holds the text, named in the error
     */
    public static JetKey parse(String text, String source) throws CryptException {
        String trimmed = text.strip();
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != LENGTH) {
            throw new CryptException(source + " does not hold an AES key: a key is the base64 of 32 bytes (44 characters), "
                    + "as the project's settings give it; download it again");
        }
        return new JetKey(bytes);
    }

    /** Writes the key as {@code jet generate} does, readable by the owner only where the file system allows. */
    public void write(Path file) throws IOException {
        byte[] text = (Base64.getEncoder().encodeToString(bytes) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, text, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    SecretKeySpec spec() {
        return new SecretKeySpec(bytes, "AES");
    }

    @Override
    public String toString() {
        return "JetKey[****]";
    }
}
