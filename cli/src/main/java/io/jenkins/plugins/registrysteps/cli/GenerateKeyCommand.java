package io.jenkins.plugins.registrysteps.cli;

import io.jenkins.plugins.registrysteps.engine.crypt.JetKey;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code generate-key}: a new random project key, as {@code jet generate} makes for local use. */
@Command(name = "generate-key", description = "Write a new random AES key file, as jet generate does (for local use).")
final class GenerateKeyCommand implements Callable<Integer> {

    @Mixin
    KeyOption key;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path file = key.file(Path.of(""));
        try {
            JetKey.generate().write(file);
        } catch (FileAlreadyExistsException e) {
            spec.commandLine().getErr().println("error: " + file + " already exists: keep it, or delete it first "
                    + "(files encrypted with it then need encrypting again)");
            return Main.BAD_INPUT;
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: could not write " + file + ": " + e.getMessage());
            return Main.BAD_INPUT;
        }
        if (json) {
            spec.commandLine().getOut().println(DiagnosticOutput.JSON.writeValueAsString(
                    DiagnosticOutput.JSON.createObjectNode().put("key", file.toString())));
        } else {
            spec.commandLine().getErr().println("wrote a new key to " + file + ": add it to .gitignore, never commit it");
        }
        return 0;
    }
}
