package io.jenkins.plugins.registrysteps.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The IN and OUT of {@code encrypt} and {@code decrypt}: a file, or {@code -} for standard input or output. */
final class CryptFiles {

    static final String STANDARD = "-";

    private CryptFiles() {
    }

    static byte[] read(String in) throws IOException {
        if (STANDARD.equals(in)) {
            return System.in.readAllBytes();
        }
        Path file = Path.of(in);
        if (!Files.isRegularFile(file)) {
            throw new IOException(in + " does not exist or is not a file");
        }
        return Files.readAllBytes(file);
    }

    /**
     * Writes OUT; standard output takes text only.
     *
     * @param secret whether OUT holds decrypted data: a new file is then readable by its owner only
     */
    static void write(String out, byte[] data, boolean secret, PrintWriter stdout) throws IOException {
        if (STANDARD.equals(out)) {
            try {
                stdout.print(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data)));
                stdout.flush();
            } catch (CharacterCodingException e) {
                throw new IOException("the decrypted data is binary: name an OUT file instead of -");
            }
            return;
        }
        Path file = Path.of(out);
        if (secret && !Files.exists(file) && file.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.write(file, data);
    }
}
