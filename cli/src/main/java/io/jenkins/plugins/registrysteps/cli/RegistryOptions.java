package io.jenkins.plugins.registrysteps.cli;

import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.image.InvalidReferenceException;
import io.jenkins.plugins.registrysteps.engine.registry.RegistryClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How registry commands reach registries: plain-HTTP hosts and extra CA certificates. */
final class RegistryOptions {

    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
            description = "registry that may be reached over plain HTTP (loopback hosts always may)")
    List<String> insecure = new ArrayList<>();

    @Option(names = "--ca-cert", paramLabel = "PEM", description = "extra CA certificates to trust (PEM bundle)")
    List<Path> caCertificates = new ArrayList<>();

    RegistryClient client() throws IOException {
        RegistryClient.Builder builder = RegistryClient.builder();
        insecure.forEach(builder::insecureRegistry);
        caCertificates.forEach(builder::caCertificate);
        return builder.build();
    }

    static ImageReference image(String text, CommandLine commandLine) {
        try {
            return ImageReference.parse(text);
        } catch (InvalidReferenceException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
    }
}
