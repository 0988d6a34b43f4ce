package io.jenkins.plugins.registrysteps.engine.run;

import io.jenkins.plugins.registrysteps.engine.auth.DockercfgGenerator;
import io.jenkins.plugins.registrysteps.engine.auth.LoginException;
import io.jenkins.plugins.registrysteps.engine.auth.LoginResolver;
import io.jenkins.plugins.registrysteps.engine.config.Service;
import io.jenkins.plugins.registrysteps.engine.config.ServicesFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Codeship's dockercfg generator services: a container of the service (its environment, encrypted env files, volumes
 * and {@code add_docker}) runs with a fresh private folder mounted at {@value #MOUNT} and {@value #OUTPUT} as its
 * argument; the dockercfg it wrote is read and deleted at once, with its folder. The container's log goes to the
 * step's output. The folder is on this machine, so the daemon must be too.
 */
final class GeneratorContainers implements DockercfgGenerator {

    static final String MOUNT = "/opt/registry-steps";
    static final String OUTPUT = MOUNT + "/dockercfg";

    private final ServicesFile services;
    private final ServiceImages images;
    private final ServiceContainers requests;
    private final RunContainers containers;
    private final Supplier<LoginResolver> imageLogins;

    /** @param imageLogins the logins a generator's own image is built with */
    GeneratorContainers(ServicesFile services, ServiceImages images, ServiceContainers requests, RunContainers containers,
            Supplier<LoginResolver> imageLogins) {
        this.services = services;
        this.images = images;
        this.requests = requests;
        this.containers = containers;
        this.imageLogins = imageLogins;
    }

    @Override
    public byte[] generate(String name, Consumer<String> log) throws IOException, InterruptedException {
        Service service = services.service(name).orElseThrow(() -> new LoginException("dockercfg_service " + name
                + " is not a service of " + services.name()));
        String image = images.imageFor(service, imageLogins.get(), log::accept);
        Path folder = Files.createTempDirectory("registry-steps-dockercfg-", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path output = folder.resolve("dockercfg");
        try {
            int code = containers.run(requests.request(service, image, List.of(OUTPUT), List.of()).withBind(folder + ":" + MOUNT),
                    log::accept);
            if (code != 0) {
                throw new LoginException("dockercfg_service " + name + " exited with " + code + ": see its log above");
            }
            return Files.readAllBytes(output);
        } catch (NoSuchFileException e) {
            throw new LoginException("dockercfg_service " + name + " wrote no dockercfg: its image must write one to the path "
                    + "it is given as its argument (" + OUTPUT + ")");
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(folder);
        }
    }
}
