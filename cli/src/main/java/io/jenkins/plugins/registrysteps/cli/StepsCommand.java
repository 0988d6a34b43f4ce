package io.jenkins.plugins.registrysteps.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.registrysteps.engine.config.CodeshipConfig;
import io.jenkins.plugins.registrysteps.engine.config.ConfigException;
import io.jenkins.plugins.registrysteps.engine.docker.DockerDaemon;
import io.jenkins.plugins.registrysteps.engine.docker.DockerEndpoint;
import io.jenkins.plugins.registrysteps.engine.plan.BuildContext;
import io.jenkins.plugins.registrysteps.engine.plan.Plan;
import io.jenkins.plugins.registrysteps.engine.plan.PlanStep;
import io.jenkins.plugins.registrysteps.engine.plan.Planner;
import io.jenkins.plugins.registrysteps.engine.run.RunListener;
import io.jenkins.plugins.registrysteps.engine.run.RunOptions;
import io.jenkins.plugins.registrysteps.engine.run.RunResult;
import io.jenkins.plugins.registrysteps.engine.run.Runner;
import io.jenkins.plugins.registrysteps.engine.run.StepResult;
import io.jenkins.plugins.registrysteps.engine.plan.StepGroup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
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

    @Option(names = "--json", description = "print the results as JSON after the run")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Plan plan;
        CodeshipConfig config;
        try {
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
        RunResult result;
        try (DockerDaemon daemon = DockerDaemon.connect(DockerEndpoint.fromEnvironment(env, Path.of(System.getProperty("user.home"))))) {
            result = new Runner(daemon, config.services(), files.projectFolder(), plan.context(),
                    new RunOptions(parallel, network, System.getenv()), new Printer(json ? err : out)).run(plan);
        }
        if (json) {
            out.println(DiagnosticOutput.JSON.writeValueAsString(json(result)));
        } else {
            summary(result, out);
        }
        out.flush();
        return result.passed() ? 0 : Main.FAILED;
    }

    /** Each line as {@code [step] text}; each end as {@code [step] passed in 1.2 s}. */
    private record Printer(PrintWriter out) implements RunListener {
        @Override
        public void output(PlanStep step, String line) {
            synchronized (out) {
                out.println("[" + step.name() + "] " + line);
                out.flush();
            }
        }

        @Override
        public void finished(PlanStep step, StepResult result) {
            if (step instanceof StepGroup) {
                return;
            }
            synchronized (out) {
                out.println("[" + step.name() + "] " + label(result) + (result.detail().isEmpty() ? "" : ": " + result.detail()));
                out.flush();
            }
        }
    }

    private static void summary(RunResult result, PrintWriter out) {
        out.println();
        out.printf("%-8s %9s  %s%n", "STATUS", "DURATION", "STEP");
        for (StepResult step : result.steps()) {
            out.printf("%-8s %9s  %s%n", step.status().name().toLowerCase(Locale.ROOT),
                    String.format(Locale.ROOT, "%.1f s", step.duration().toMillis() / 1000.0), step.name());
        }
        out.println(result.passed() ? "all steps passed" : "the pipeline failed");
    }

    private static String label(StepResult result) {
        return result.status().name().toLowerCase(Locale.ROOT)
                + (result.status() == StepResult.Status.SKIPPED ? "" : String.format(Locale.ROOT, " in %.1f s",
                        result.duration().toMillis() / 1000.0));
    }

    private static ObjectNode json(RunResult result) {
        ObjectNode root = DiagnosticOutput.JSON.createObjectNode().put("passed", result.passed());
        ArrayNode steps = root.putArray("steps");
        for (StepResult step : result.steps()) {
            steps.addObject().put("name", step.name()).put("status", step.status().name().toLowerCase(Locale.ROOT))
                    .put("durationMillis", step.duration().toMillis()).put("detail", step.detail());
        }
        return root;
    }
}
