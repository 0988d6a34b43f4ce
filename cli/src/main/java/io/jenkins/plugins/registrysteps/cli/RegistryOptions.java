package io.jenkins.plugins.registrysteps.cli;

import io.jenkins.plugins.registrysteps.engine.auth.LoginException;
import io.jenkins.plugins.registrysteps.engine.config.ConfigException;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.image.InvalidReferenceException;
import io.jenkins.plugins.registrysteps.engine.registry.RegistryClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How registry commands reach registries: logins, plain-HTTP hosts and extra CA certificates. */
final class RegistryOptions {

    @Mixin
    LoginOptions logins;

    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
            description = "registry that may be reached over plain HTTP (loopback hosts always may)")
    List<String> insecure = new ArrayList<>();

    @Option(names = "--ca-cert", paramLabel = "PEM", description = "extra CA certificates to trust (PEM bundle)")
    List<Path> caCertificates = new ArrayList<>();

    /** @throws ConfigException when the registries file is invalid */
    RegistryClient client() throws IOException, ConfigException {
        RegistryClient.Builder builder = RegistryClient.builder().credentials(logins.logins().build().resolver());
        insecure.forEach(builder::insecureRegistry);
        caCertificates.forEach(builder::caCertificate);
        return builder.build();
    }

    /**
     * Reports a failed registry request, masked; a login source that is there but unusable is bad input (exit 2), any
     * other failure exit 1.
     */
    int failed(IOException e, PrintWriter err) {
        err.println("error: " + logins.masker.mask(e.getMessage()));
        return e instanceof LoginException || e.getCause() instanceof LoginException ? Main.BAD_INPUT : Main.FAILED;
    }

    /** Prints the registries file's findings; exit 2. */
    static int invalid(ConfigException e, PrintWriter err) {
        DiagnosticOutput.print(e.diagnostics(), err);
        return Main.BAD_INPUT;
    }

    static ImageReference image(String text, CommandLine commandLine) {
        try {
            return ImageReference.parse(text);
        } catch (InvalidReferenceException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
    }
}
