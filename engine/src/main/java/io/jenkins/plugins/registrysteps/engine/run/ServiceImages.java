package io.jenkins.plugins.registrysteps.engine.run;

import io.jenkins.plugins.registrysteps.engine.config.Build;
import io.jenkins.plugins.registrysteps.engine.config.Service;
import io.jenkins.plugins.registrysteps.engine.docker.BuildRequest;
import io.jenkins.plugins.registrysteps.engine.docker.DockerDaemon;
import io.jenkins.plugins.registrysteps.engine.docker.DockerException;
import io.jenkins.plugins.registrysteps.engine.docker.LineSink;
import io.jenkins.plugins.registrysteps.engine.plan.BuildContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** The image of each service, built at most once per run even when parallel steps ask at the same time. */
final class ServiceImages {

    private final DockerDaemon daemon;
    private final Path projectFolder;
    private final BuildContext context;
    private final RunOptions options;
    private final Map<String, FutureTask<String>> images = new ConcurrentHashMap<>();

    ServiceImages(DockerDaemon daemon, Path projectFolder, BuildContext context, RunOptions options) {
        this.daemon = daemon;
        this.projectFolder = projectFolder;
        this.context = context;
        this.options = options;
    }

    /** The image name to run for the service, building it first when the service has a {@code build}. */
    String imageFor(Service service, LineSink log) throws DockerException, InterruptedException {
        FutureTask<String> task = images.computeIfAbsent(service.nameText(), name -> new FutureTask<>(() -> provide(service, log)));
        task.run();
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof DockerException docker ? docker
                    : new DockerException("prepare the image of service " + service.nameText(), e.getCause());
        }
    }

    private String provide(Service service, LineSink log) throws DockerException {
        Build build = service.build();
        if (build == null) {
            return service.image().value();
        }
        String image = build.image() != null ? build.image().value() : "registry-steps/" + localName(service.nameText());
        Map<String, String> args = StepEnvironment.resolved(build.args(), options.hostEnvironment());
        Map<String, String> labels = new LinkedHashMap<>();
        build.labels().forEach((name, value) -> labels.put(name, value == null ? "" : value.value()));
        labels.put("org.opencontainers.image.created", context.time().toOffsetDateTime().toString());
        if (!context.commitId().isEmpty()) {
            labels.put("org.opencontainers.image.revision", context.commitId());
        }
        if (!context.repoName().isEmpty()) {
            labels.put("org.opencontainers.image.source", context.repoName());
        }
        daemon.build(new BuildRequest(projectFolder.resolve(build.contextOrDefault()).normalize(), build.dockerfileOrDefault(), args,
                build.target() == null ? null : build.target().value(), labels, List.of(image), options.network()), log);
        return image;
    }

    /** Service names may hold upper case and '/', which image names may not. */
    static String localName(String service) {
        String name = service.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "");
        return name.isEmpty() ? "service" : name;
    }
}
