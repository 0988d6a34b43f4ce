package io.jenkins.plugins.registrysteps.cli;

import io.jenkins.plugins.registrysteps.engine.auth.Logins;
import io.jenkins.plugins.registrysteps.engine.auth.NamedRegistries;
import io.jenkins.plugins.registrysteps.engine.config.ConfigException;
import io.jenkins.plugins.registrysteps.engine.crypt.SecretMasker;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where registry logins come from: the user's docker config ({@code DOCKER_CONFIG} or {@code ~/.docker/config.json})
 * unless {@code --dockercfg} names another, and the named registries of {@code --registries}. Every secret used is
 * registered with {@link #masker} so that output can be masked (a run masks with its own).
 */
final class LoginOptions {

    @Option(names = "--dockercfg", paramLabel = "FILE",
            description = "docker config (.dockercfg or config.json) to log in with (default: DOCKER_CONFIG's, else ~/.docker/config.json)")
    Path dockercfg;

    @Option(names = "--registries", paramLabel = "FILE", description = "named registries: domain, prefix, credentials, primary")
    Path registries;

    final SecretMasker masker = new SecretMasker();

    /** @throws ConfigException when the registries file is invalid; its diagnostics say where */
    Logins.Builder logins() throws ConfigException {
        Logins.Builder builder = Logins.builder(System.getenv()).masker(masker)
                .namedRegistries(registries == null ? NamedRegistries.NONE : NamedRegistries.load(registries));
        return dockercfg == null ? builder : builder.dockercfg(dockercfg);
    }
}
