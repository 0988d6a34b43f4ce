package io.jenkins.plugins.registrysteps.cli;

import io.jenkins.plugins.registrysteps.engine.crypt.JetCipher;
import io.jenkins.plugins.registrysteps.engine.crypt.JetKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code encrypt IN OUT}: {@code jet encrypt}, writing the checked {@code codeship:v2} format. */
@Command(name = "encrypt", description = "Encrypt a file with the project's AES key, as jet encrypt does (codeship:v2 format).")
final class EncryptCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "file to encrypt, - for standard input")
    String in;

    @Parameters(index = "1", paramLabel = "OUT", description = "encrypted file to write, - for standard output")
    String out;

    @Mixin
    KeyOption key;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CryptReport report = new CryptReport(spec.commandLine(), json, in, out);
        try {
            JetKey projectKey = key.read(Path.of(""), spec.commandLine().getErr());
            CryptFiles.write(out, JetCipher.encrypt(projectKey, CryptFiles.read(in)), false, spec.commandLine().getOut());
        } catch (IOException e) {
            return report.failed(e);
        }
        return report.done("encrypted", "v2");
    }
}
