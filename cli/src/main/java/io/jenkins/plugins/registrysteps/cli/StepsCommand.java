package io.jenkins.plugins.registrysteps.cli;

import io.jenkins.plugins.registrysteps.engine.auth.Logins;
import io.jenkins.plugins.registrysteps.engine.config.CodeshipConfig;
import io.jenkins.plugins.registrysteps.engine.config.ConfigException;
import io.jenkins.plugins.registrysteps.engine.crypt.KeySource;
import io.jenkins.plugins.registrysteps.engine.docker.DockerDaemon;
import io.jenkins.plugins.registrysteps.engine.docker.DockerEndpoint;
import io.jenkins.plugins.registrysteps.engine.plan.BuildContext;
import io.jenkins.plugins.registrysteps.engine.plan.Plan;
import io.jenkins.plugins.registrysteps.engine.plan.Planner;
import io.jenkins.plugins.registrysteps.engine.registry.RegistryClient;
import io.jenkins.plugins.registrysteps.engine.run.RunOptions;
import io.jenkins.plugins.registrysteps.engine.run.Runner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code steps}: runs the pipeline on a Docker daemon, like Codeship's {@code jet steps}. */
@Command(name = "steps", description = "Run the pipeline on a Docker daemon, like Codeship's jet steps.")
final class StepsCommand implements Callable<Integer> {

    @Mixin
    ConfigFiles files;

    @Mixin
    BuildOptions build;

    @Option(names = "--docker-host", paramLabel = "URI", description = "Docker daemon (default: DOCKER_HOST, else the local socket)")
    String dockerHost;

    @Option(names = "--network", paramLabel = "NAME", description = "network for builds and steps (default: the daemon's)")
    String network;

    @Option(names = "--parallel", paramLabel = "N", description = "containers running at once (default: ${DEFAULT-VALUE})")
    int parallel = 4;

    @Mixin
    KeyOption key;

    @Mixin
    RegistryOptions registries;

    @Option(names = "--json", description = "print the results as JSON after the run")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Plan plan;
        CodeshipConfig config;
        Logins.Builder logins;
        RegistryClient client;
        try {
            logins = registries.logins.logins();
            client = registries.client();
            config = files.load();
            DiagnosticOutput.print(config.warnings(), err);
            BuildContext context = build.context(files.folder(), spec.commandLine());
            plan = Planner.plan(config, context);
        } catch (ConfigException e) {
            DiagnosticOutput.print(e.diagnostics(), err);
            return Main.BAD_INPUT;
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        if (dockerHost != null) {
            env.put("DOCKER_HOST", dockerHost);
        }
        Path keyFile = key.file(files.projectFolder());
        KeyOption.warnIfTracked(keyFile, err);
        RunOptions options = new RunOptions(parallel, network, System.getenv()).withKey(KeySource.file(keyFile));
        RunReport report = new RunReport(spec.commandLine().getOut(), err, json);
        try (DockerDaemon daemon = DockerDaemon.connect(DockerEndpoint.fromEnvironment(env, Path.of(System.getProperty("user.home"))))) {
            return report.run(new Runner(daemon, client, config.services(), files.projectFolder(), plan.context(),
                    options, report.listener(), logins), plan);
        }
    }
}
