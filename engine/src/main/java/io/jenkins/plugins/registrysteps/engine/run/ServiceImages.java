package io.jenkins.plugins.registrysteps.engine.run;

import io.jenkins.plugins.registrysteps.engine.auth.LoginResolver;
import io.jenkins.plugins.registrysteps.engine.config.Build;
import io.jenkins.plugins.registrysteps.engine.config.Service;
import io.jenkins.plugins.registrysteps.engine.docker.BuildRequest;
import io.jenkins.plugins.registrysteps.engine.docker.DockerDaemon;
import io.jenkins.plugins.registrysteps.engine.docker.DockerException;
import io.jenkins.plugins.registrysteps.engine.docker.LineSink;
import io.jenkins.plugins.registrysteps.engine.plan.BuildContext;
import io.jenkins.plugins.registrysteps.engine.template.ImageTag;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** The image of each service, built at most once per run even when parallel steps ask at the same time. */
final class ServiceImages {

    private static final String DEFAULT_CACHE_BRANCH = "master";

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

    /**
     * The image name to run for the service, building it first when the service has a {@code build}, its {@code FROM}
     * pulling with the logins of the step that asked first.
     */
    String imageFor(Service service, LoginResolver logins, LineSink log) throws IOException, InterruptedException {
        FutureTask<String> task = images.computeIfAbsent(service.nameText(),
                name -> new FutureTask<>(() -> provide(service, logins, log)));
        task.run();
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException known ? known
                    : new DockerException("prepare the image of service " + service.nameText(), e.getCause());
        }
    }

    /** Build args: {@code args}, then {@code encrypted_args} values, then {@code encrypted_args_file}s, later winning. */
    private String provide(Service service, LoginResolver logins, LineSink log) throws IOException {
        Build build = service.build();
        if (build == null) {
            return service.image().value();
        }
        String image = build.image() != null ? build.image().value() : "registry-steps/" + localName(service.nameText());
        Map<String, String> args = StepEnvironment.resolved(build.args(), options.hostEnvironment());
        EncryptedVariables encrypted = new EncryptedVariables(projectFolder, options);
        args.putAll(encrypted.inline(build.encryptedArgs(), "encrypted_args of service " + service.nameText()));
        args.putAll(encrypted.files(build.encryptedArgsFiles(), "encrypted_args_file"));
        Map<String, String> labels = new LinkedHashMap<>();
        build.labels().forEach((name, value) -> labels.put(name, value == null ? "" : value.value()));
        labels.put("org.opencontainers.image.created", context.time().toOffsetDateTime().toString());
        if (!context.commitId().isEmpty()) {
            labels.put("org.opencontainers.image.revision", context.commitId());
        }
        if (!context.repoName().isEmpty()) {
            labels.put("org.opencontainers.image.source", context.repoName());
        }
        List<String> tags = new ArrayList<>(List.of(image));
        List<String> cacheFrom = new ArrayList<>();
        if (service.isCached()) {
            tags.add(cacheImage(service, context.branch()));
            cacheFrom.addAll(cacheSources(service));
        }
        daemon.build(new BuildRequest(projectFolder.resolve(build.contextOrDefault()).normalize(), build.dockerfileOrDefault(), args,
                build.target() == null ? null : build.target().value(), labels, tags, options.network(), cacheFrom,
                !service.isCached(), logins.pullLogins()), log);
        return image;
    }

    /**
     * Codeship's {@code cached: true}: the build may reuse the layers of this service's last build on the same branch,
     * or, on a branch built for the first time, of its {@code default_cache_branch} ({@code master} unless set). A
     * service without it is built afresh every run, as on Codeship's new machines, so no stale layer slips in.
     */
    private List<String> cacheSources(Service service) throws IOException {
        String defaultBranch = service.defaultCacheBranch() == null ? DEFAULT_CACHE_BRANCH : service.defaultCacheBranch().value();
        List<String> sources = new ArrayList<>();
        for (String branch : new LinkedHashSet<>(List.of(context.branch(), defaultBranch))) {
            String cache = cacheImage(service, branch);
            if (daemon.hasImage(cache)) {
                sources.add(cache);
            }
        }
        return sources;
    }

    /** {@code registry-steps-cache/PROJECT/SERVICE:BRANCH}, kept by the daemon between runs. */
    private String cacheImage(Service service, String branch) {
        String project = context.repoName().isEmpty() ? "project" : localName(context.repoName());
        String tag = ImageTag.sanitize(branch);
        return "registry-steps-cache/" + project + "/" + localName(service.nameText()) + ":" + (tag.isEmpty() ? "none" : tag);
    }

    /** Service names may hold upper case and '/', which image names may not. */
    static String localName(String service) {
        String name = service.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "");
        return name.isEmpty() ? "service" : name;
    }
}
