package io.jenkins.plugins.registrysteps.cli;

import io.jenkins.plugins.registrysteps.engine.crypt.JetCipher;
import io.jenkins.plugins.registrysteps.engine.crypt.JetKey;
import io.jenkins.plugins.registrysteps.engine.crypt.Plaintext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code decrypt IN OUT}: {@code jet decrypt}, reading both the v1 and the checked v2 format. */
@Command(name = "decrypt", description = "Decrypt a file made by jet encrypt (v1 or codeship:v2) with the project's AES key.")
final class DecryptCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "encrypted file, - for standard input")
    String in;

    @Parameters(index = "1", paramLabel = "OUT", description = "file to write, - for standard output")
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
        Plaintext plain;
        try {
            JetKey projectKey = key.read(Path.of(""), spec.commandLine().getErr());
            plain = JetCipher.decrypt(projectKey, CryptFiles.read(in), in);
            CryptFiles.write(out, plain.bytes(), true, spec.commandLine().getOut());
        } catch (IOException e) {
            return report.failed(e);
        }
        if (!plain.verified()) {
            spec.commandLine().getErr().println("note: " + in + " is in the v1 format, which has no checksum: a wrong key "
                    + "gives garbage instead of an error; encrypt it again to get the checked v2 format");
        }
        return report.done("decrypted", plain.verified() ? "v2" : "v1");
    }
}
