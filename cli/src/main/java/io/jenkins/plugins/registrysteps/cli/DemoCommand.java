package io.jenkins.plugins.registrysteps.cli;

import io.jenkins.plugins.registrysteps.engine.config.CodeshipConfig;
import io.jenkins.plugins.registrysteps.engine.config.ConfigLoader;
import io.jenkins.plugins.registrysteps.engine.docker.DockerDaemon;
import io.jenkins.plugins.registrysteps.engine.docker.DockerEndpoint;
import io.jenkins.plugins.registrysteps.engine.docker.DockerException;
import io.jenkins.plugins.registrysteps.engine.local.BusyboxImage;
import io.jenkins.plugins.registrysteps.engine.local.LocalDockerd;
import io.jenkins.plugins.registrysteps.engine.local.LocalRegistry;
import io.jenkins.plugins.registrysteps.engine.local.TempFolder;
import io.jenkins.plugins.registrysteps.engine.plan.Plan;
import io.jenkins.plugins.registrysteps.engine.plan.Planner;
import io.jenkins.plugins.registrysteps.engine.registry.RegistryClient;
import io.jenkins.plugins.registrysteps.engine.run.RunOptions;
import io.jenkins.plugins.registrysteps.engine.run.Runner;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code demo}: runs the example pipeline of {@code examples/demo} (kept inside the jar) end to end. A Docker daemon
 * and a registry are used where they run, else started for the demo in a temp folder and stopped afterwards.
 */
@Command(name = "demo", description = "Run the example pipeline end to end on a local Docker daemon and registry, "
        + "starting both when none runs; prints what it pushed.")
final class DemoCommand implements Callable<Integer> {

    /** The registry the example pushes to; the demo's own registry stands in for it when none answers there. */
    static final String EXAMPLE_REGISTRY = "localhost:5000";
    private static final List<String> FILES = List.of("Dockerfile", "README.md", "codeship-services.yml", "codeship-steps.yml");
    private static final Path TEMP = Path.of("/tmp"); // short: dockerd's socket path must stay under ~108 bytes

    @Mixin
    BuildOptions build;

    @Option(names = "--docker-host", paramLabel = "URI",
            description = "Docker daemon (default: DOCKER_HOST, else the local socket, else one started for the demo)")
    String dockerHost;

    @Option(names = "--json", description = "print the results as JSON after the run")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (build.branch == null && build.gitTag == null) {
            build.branch = "master";
        }
        try (TempFolder work = TempFolder.create(TEMP, "registry-steps-demo-")) {
            Path project = extract(Files.createDirectories(work.path().resolve("project")));
            CodeshipConfig config = ConfigLoader.load(project, null, null);
            Plan plan = Planner.plan(config, build.context(Path.of("").toAbsolutePath(), spec.commandLine()));
            LocalDockerd dockerd = null;
            LocalRegistry registry = null;
            try {
                DockerEndpoint endpoint = runningDaemon();
                if (endpoint == null) {
                    dockerd = LocalDockerd.start(Files.createDirectories(work.path().resolve("docker")));
                    err.println("demo: started dockerd on " + dockerd.host() + " (it stops when the demo ends)");
                    endpoint = DockerEndpoint.fromEnvironment(Map.of("DOCKER_HOST", dockerd.host()), work.path());
                }
                if (!registryAnswers()) {
                    registry = LocalRegistry.start(Files.createDirectories(work.path().resolve("registry")), "demo");
                    err.println("demo: started docker-registry on " + registry.host() + ", standing in for "
                            + EXAMPLE_REGISTRY + " (it stops when the demo ends)");
                    plan = plan.withRegistry(EXAMPLE_REGISTRY, registry.host());
                }
                err.flush();
                return run(endpoint, config, project, plan, work.path());
            } finally {
                if (registry != null) {
                    registry.close();
                }
                if (dockerd != null) {
                    dockerd.stop();
                }
            }
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage() + "\n(the demo needs Debian's docker.io, docker-registry and busybox-static:"
                    + " run .ci/install-servers)");
            return Main.FAILED;
        }
    }

    private int run(DockerEndpoint endpoint, CodeshipConfig config, Path project, Plan plan, Path work)
            throws IOException, InterruptedException {
        RunReport report = new RunReport(spec.commandLine().getOut(), spec.commandLine().getErr(), json);
        try (DockerDaemon daemon = DockerDaemon.connect(endpoint)) {
            BusyboxImage.ensure(daemon, work);
            return report.run(new Runner(daemon, RegistryClient.builder().build(), config.services(), project, plan.context(),
                    new RunOptions(4, "none", System.getenv()), report.listener()), plan);
        }
    }

    /** The daemon named by --docker-host or DOCKER_HOST, or the local socket; null when none answers there. */
    private DockerEndpoint runningDaemon() throws DockerException {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (dockerHost != null) {
            env.put("DOCKER_HOST", dockerHost);
        }
        DockerEndpoint endpoint = DockerEndpoint.fromEnvironment(env, Path.of(System.getProperty("user.home")));
        boolean named = env.get("DOCKER_HOST") != null && !env.get("DOCKER_HOST").isBlank();
        try (DockerDaemon daemon = DockerDaemon.connect(endpoint)) {
            daemon.version();
            return endpoint;
        } catch (DockerException e) {
            if (named) {
                throw e; // a daemon the user named must answer: starting another would hide the mistake
            }
            return null;
        } catch (IOException e) {
            throw new DockerException("close the connection to " + endpoint.host(), e);
        }
    }

    /** Whether a registry already answers at the example's address. */
    private static boolean registryAnswers() {
        try {
            HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                    HttpRequest.newBuilder(URI.create("http://" + EXAMPLE_REGISTRY + "/v2/")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path extract(Path folder) throws IOException {
        for (String name : FILES) {
            try (InputStream in = DemoCommand.class.getResourceAsStream("demo/" + name)) {
                if (in == null) {
                    throw new IOException("the demo file " + name + " is missing from the command line's jar: rebuild it");
                }
                Files.copy(in, folder.resolve(name));
            }
        }
        return folder;
    }
}
