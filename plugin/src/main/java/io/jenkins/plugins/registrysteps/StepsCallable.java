package io.jenkins.plugins.registrysteps;

import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.registrysteps.engine.auth.SuppliedLogins;
import io.jenkins.plugins.registrysteps.engine.config.CodeshipConfig;
import io.jenkins.plugins.registrysteps.engine.config.ConfigException;
import io.jenkins.plugins.registrysteps.engine.config.ConfigLoader;
import io.jenkins.plugins.registrysteps.engine.config.Diagnostic;
import io.jenkins.plugins.registrysteps.engine.crypt.JetKey;
import io.jenkins.plugins.registrysteps.engine.crypt.KeySource;
import io.jenkins.plugins.registrysteps.engine.crypt.SecretMasker;
import io.jenkins.plugins.registrysteps.engine.docker.DockerDaemon;
import io.jenkins.plugins.registrysteps.engine.plan.Plan;
import io.jenkins.plugins.registrysteps.engine.plan.Planner;
import io.jenkins.plugins.registrysteps.engine.run.RunOptions;
import io.jenkins.plugins.registrysteps.engine.run.RunResult;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashMap;
import jenkins.MasterToSlaveFileCallable;

/**
 * The agent's part of {@code codeshipSteps}: reads and plans the services and steps files of the workspace, runs the
 * plan on the agent's daemon with every line in the build log (secrets masked), and brings the results back.
 * Interrupting it (an abort) stops the runner, which removes its containers.
 */
final class StepsCallable extends MasterToSlaveFileCallable<StepsOutcome> {

    private static final long serialVersionUID = 1L;

    private final String services;
    private final String steps;
    private final String branch;
    private final HashMap<String, String> env;
    private final long startMillis;
    private final SuppliedLogins logins;
    private final ProjectKey key;
    private final int parallelism;
    private final TaskListener listener;

    /**
     * @param services the services file relative to the workspace, or null to look for one
     * @param branch   the branch filters match, or null for the build's
     * @param key      the project's AES key from a credential, or null for {@code codeship.aes} in the project
     *                 folder, as {@code jet} reads it
     */
    StepsCallable(String services, String steps, String branch, HashMap<String, String> env, long startMillis,
            SuppliedLogins logins, ProjectKey key, int parallelism, TaskListener listener) {
        this.services = services;
        this.steps = steps;
        this.branch = branch;
        this.env = env;
        this.startMillis = startMillis;
        this.logins = logins;
        this.key = key;
        this.parallelism = parallelism;
        this.listener = listener;
    }

    @Override
    public StepsOutcome invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        Path folder = workspace.toPath();
        PrintStream log = listener.getLogger();
        CodeshipConfig config;
        Plan plan;
        try {
            config = ConfigLoader.load(folder, services == null ? null : Path.of(services),
                    steps == null ? null : Path.of(steps));
            config.warnings().forEach(log::println);
            plan = Planner.plan(config, BuildFacts.context(env, branch, startMillis));
        } catch (ConfigException e) {
            e.diagnostics().stream().filter(d -> !d.isError()).map(Diagnostic::toString).forEach(log::println);
            throw new AbortException(e.getMessage());
        }
        Path project = projectFolder(folder);
        SecretMasker masker = logins.masker();
        KeySource keySource = key == null ? KeySource.file(project.resolve(JetKey.FILE_NAME))
                : KeySource.of(key.parse(masker));
        ConsoleRunListener console = new ConsoleRunListener(log, masker, plan.context());
        RunOptions options = new RunOptions(parallelism, null, env, keySource, masker);
        RunResult result;
        try (DockerDaemon daemon = EngineBridge.connect(env)) {
            result = EngineBridge.run(daemon, config, project, plan, options, logins, console);
        } catch (IOException e) {
            throw new AbortException(masker.mask(String.valueOf(e.getMessage())));
        } catch (RuntimeException e) {
            throw EngineBridge.unexpected(CodeshipStepsStep.FUNCTION, e, masker, log);
        }
        return new StepsOutcome(result, console.pushes());
    }

    /**
     * The project root that build contexts, env files, volumes and {@code codeship.aes} are relative to, as the CLI
     * takes it: the services file's folder, else the steps file's, else the workspace.
     */
    private Path projectFolder(Path workspace) {
        String file = services != null ? services : steps;
        Path parent = file == null ? null : workspace.resolve(file).getParent();
        return parent != null ? parent : workspace;
    }

    /**
     * The text of a project key resolved on the controller, and what holds it (named in errors, never the key). A plain
     * class as the plugin's other values that cross the remoting channel.
     */
    static final class ProjectKey implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String text;
        private final String source;

        ProjectKey(String text, String source) {
            this.text = text;
            this.source = source;
        }

        JetKey parse(SecretMasker masker) throws IOException {
            masker.register(text.strip());
            return JetKey.parse(text, source);
        }

        @Override
        public String toString() {
            return "ProjectKey[" + source + "]";
        }
    }
}
