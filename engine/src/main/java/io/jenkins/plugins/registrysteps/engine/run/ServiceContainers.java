package io.jenkins.plugins.registrysteps.engine.run;

import io.jenkins.plugins.registrysteps.engine.config.Located;
import io.jenkins.plugins.registrysteps.engine.config.Service;
import io.jenkins.plugins.registrysteps.engine.docker.DockerEndpoint;
import io.jenkins.plugins.registrysteps.engine.docker.RunRequest;
import io.jenkins.plugins.registrysteps.engine.plan.BuildContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a container of a service is made, for a step or a linked service alike: environment, working folder,
 * entrypoint, volumes relative to the project folder, and with {@code add_docker} the daemon itself.
 */
final class ServiceContainers {

    /** Where {@code add_docker} puts the daemon's socket, as Codeship does. */
    static final String DOCKER_SOCKET = "/var/run/docker.sock";

    private final BuildContext context;
    private final Path projectFolder;
    private final RunOptions options;
    private final DockerEndpoint daemon;

    ServiceContainers(BuildContext context, Path projectFolder, RunOptions options, DockerEndpoint daemon) {
        this.context = context;
        this.projectFolder = projectFolder;
        this.options = options;
        this.daemon = daemon;
    }

    /**
     * A container of {@code service} from {@code image} running {@code command} (the image's own when empty), with
     * the step's own encrypted env files on top of the service's environment.
     */
    RunRequest request(Service service, String image, List<String> command, List<Located<String>> stepEncryptedEnvFiles)
            throws IOException {
        Map<String, String> environment = new LinkedHashMap<>(
                StepEnvironment.of(context, service, stepEncryptedEnvFiles, projectFolder, options));
        List<String> binds = binds(service);
        if (service.hasDocker()) {
            addDocker(service, environment, binds);
        }
        return new RunRequest(image, command, service.entrypoint() == null ? null : service.entrypoint().args(),
                environment, Located.valueOf(service.workingDir()), binds, options.network());
    }

    /**
     * A unix socket is mounted at {@value #DOCKER_SOCKET}; a tcp daemon is named as it is (with its TLS files
     * mounted read-only), which works when the container can reach that address.
     */
    private void addDocker(Service service, Map<String, String> environment, List<String> binds) throws IOException {
        if ("unix".equals(daemon.host().getScheme())) {
            binds.add(daemon.host().getPath() + ":" + DOCKER_SOCKET);
            environment.put("DOCKER_HOST", "unix://" + DOCKER_SOCKET);
            return;
        }
        if (!"tcp".equals(daemon.host().getScheme())) {
            throw new IOException(service.addDocker().position() + ": add_docker cannot hand the daemon at "
                    + daemon.host() + " to a container: only unix sockets and tcp addresses can be");
        }
        environment.put("DOCKER_HOST", daemon.host().toString());
        if (daemon.tlsVerify()) {
            binds.add(daemon.certPath() + ":/docker-certs:ro");
            environment.put("DOCKER_TLS_VERIFY", "1");
            environment.put("DOCKER_CERT_PATH", "/docker-certs");
        }
    }

    /** Volumes with a relative host path are relative to the project folder, as in Codeship. */
    private List<String> binds(Service service) {
        List<String> binds = new ArrayList<>();
        for (Located<String> volume : service.volumes()) {
            String spec = volume.value().strip();
            int colon = spec.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String host = spec.substring(0, colon);
            if (host.startsWith(".")) {
                host = projectFolder.resolve(host).normalize().toString();
            }
            binds.add(host + spec.substring(colon));
        }
        return binds;
    }
}
