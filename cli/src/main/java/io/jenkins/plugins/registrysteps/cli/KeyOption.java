package io.jenkins.plugins.registrysteps.cli;

import io.jenkins.plugins.registrysteps.engine.crypt.CryptException;
import io.jenkins.plugins.registrysteps.engine.crypt.GitTracking;
import io.jenkins.plugins.registrysteps.engine.crypt.JetKey;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --key} option ({@code jet}'s {@code --key-path}) of the commands that read or write encrypted files. */
final class KeyOption {

    @Option(names = {"--key", "--key-path"}, paramLabel = "FILE",
            description = "the project's AES key file (default: codeship.aes here; for steps, in the project folder)")
    Path key;

    /** The named key file, else {@code codeship.aes} in {@code folder}. */
    Path file(Path folder) {
        return key != null ? key : folder.resolve(JetKey.FILE_NAME);
    }

    /** Warns on {@code err} when git tracks the key file. */
    static void warnIfTracked(Path keyFile, PrintWriter err) {
        GitTracking.keyWarning(keyFile).ifPresent(warning -> err.println("warning: " + warning));
    }

    /** Reads the key, warning first when git tracks it. */
    JetKey read(Path folder, PrintWriter err) throws CryptException {
        Path file = file(folder);
        warnIfTracked(file, err);
        return JetKey.read(file);
    }
}
