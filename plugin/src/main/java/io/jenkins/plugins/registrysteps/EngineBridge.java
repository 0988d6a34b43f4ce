package io.jenkins.plugins.registrysteps;

import hudson.AbortException;
import io.jenkins.plugins.registrysteps.engine.auth.DockerConfigFile;
import io.jenkins.plugins.registrysteps.engine.auth.LoginResolver;
import io.jenkins.plugins.registrysteps.engine.auth.Logins;
import io.jenkins.plugins.registrysteps.engine.auth.SuppliedLogins;
import io.jenkins.plugins.registrysteps.engine.config.CodeshipConfig;
import io.jenkins.plugins.registrysteps.engine.crypt.SecretMasker;
import io.jenkins.plugins.registrysteps.engine.docker.DockerDaemon;
import io.jenkins.plugins.registrysteps.engine.docker.DockerEndpoint;
import io.jenkins.plugins.registrysteps.engine.docker.LineSink;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.plan.BuildContext;
import io.jenkins.plugins.registrysteps.engine.plan.Plan;
import io.jenkins.plugins.registrysteps.engine.registry.CopyResult;
import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import io.jenkins.plugins.registrysteps.engine.registry.ImageConfigRewriter;
import io.jenkins.plugins.registrysteps.engine.registry.ImageCopier;
import io.jenkins.plugins.registrysteps.engine.registry.ImageSize;
import io.jenkins.plugins.registrysteps.engine.registry.RegistryClient;
import io.jenkins.plugins.registrysteps.engine.registry.Retagger;
import io.jenkins.plugins.registrysteps.engine.run.ImagePusher;
import io.jenkins.plugins.registrysteps.engine.run.RunListener;
import io.jenkins.plugins.registrysteps.engine.run.RunOptions;
import io.jenkins.plugins.registrysteps.engine.run.RunResult;
import io.jenkins.plugins.registrysteps.engine.run.Runner;
import io.jenkins.plugins.registrysteps.engine.run.StepResult;
import io.jenkins.plugins.registrysteps.engine.template.TemplateData;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The plugin's one door to engine work done on the agent: connecting to its daemon, pushing one image, running a plan
 * and reading what it pushed, with the build's registry logins held in memory by engine.auth ({@link Logins}), never
 * written to a docker config. Everything else in the plugin uses the engine's public API directly.
 */
final class EngineBridge {

    private EngineBridge() {
    }

    /** The agent's daemon as the docker CLI finds it ({@code DOCKER_HOST}, {@code DOCKER_TLS_VERIFY}, {@code DOCKER_CERT_PATH}). */
    static DockerDaemon connect(Map<String, String> env) {
        return DockerDaemon.connect(DockerEndpoint.fromEnvironment(env, Path.of(System.getProperty("user.home"))));
    }

    /**
     * Pushes one image under every tag of {@code spec}: from the daemon ({@link ImagePusher}: the engine's push, the
     * daemon's as fallback), or from a registry without one (copy, keeping the digest); settings are baked in through
     * the registry; further tags are added without moving blobs. The logins of {@code logins} come first, then the
     * agent's docker config; every secret used is registered with {@code masker}.
     *
     * @return the push: the digest now under every tag and the size of the image it names
     */
    static io.jenkins.plugins.registrysteps.engine.run.PushRecord push(PushSpec spec, Map<String, String> env,
            SuppliedLogins logins, SecretMasker masker, LineSink log)
            throws IOException, InterruptedException {
        LoginResolver resolver = Logins.builder(env).masker(masker).build().resolver(logins.explicit(), log::line);
        try (RegistryClient client = RegistryClient.builder().credentials(resolver).build();
                DockerDaemon daemon = spec.inRegistry() ? null : connect(env)) {
            return untilInterrupted("registry-steps push", () -> push(spec, client, daemon, resolver, log), () -> {
                client.cancel();
                if (daemon != null) {
                    daemon.stopStreams();
                }
            });
        }
    }

    private static io.jenkins.plugins.registrysteps.engine.run.PushRecord push(PushSpec spec, RegistryClient client,
            DockerDaemon daemon, LoginResolver resolver, LineSink log) throws IOException {
        ImageReference first = spec.targets().get(0);
        String digest;
        List<String> pushed = List.of(first.tag());
        if (spec.inRegistry()) {
            ImageReference source = parse(spec.source());
            log.line("copy " + source + " to " + first);
            CopyResult copied = spec.keepsImage() ? new ImageCopier(client).copy(source, first)
                    : new ImageConfigRewriter(client).rewrite(source, first, spec.settings());
            log.line("blobs: " + copied.blobsSkipped() + " present, " + copied.blobsMounted() + " mounted, "
                    + copied.blobsUploaded() + " uploaded (" + copied.bytesUploaded() + " bytes)");
            digest = copied.digest().toString();
        } else {
            // an image kept as it is goes under all its tags at once; else under the first, rewritten, then retagged
            pushed = spec.keepsImage() ? spec.tags() : pushed;
            io.jenkins.plugins.registrysteps.engine.run.PushRecord fromDaemon = new ImagePusher(daemon, client)
                    .push(spec.source(), first, pushed, first.registry(), resolver, log);
            digest = fromDaemon.digest();
            if (spec.keepsImage()) {
                // the pusher knows the size of what it pushed: no request to read it back
                return fromDaemon;
            }
            log.line("bake cmd, entrypoint, ports, env and labels into " + first);
            digest = new ImageConfigRewriter(client).rewrite(first, first, spec.settings()).digest().toString();
        }
        List<String> moreTags = spec.tags().subList(pushed.size(), spec.tags().size());
        if (!moreTags.isEmpty()) {
            log.line("tag " + first + " also as " + String.join(", ", moreTags));
            new Retagger(client).retag(first, moreTags);
        }
        long size = ImageSize.of(client, new ImageReference(first.registry(), first.path(), null, digest));
        return new io.jenkins.plugins.registrysteps.engine.run.PushRecord(first.registry(), first.path(), spec.tags(), digest,
                size);
    }

    /**
     * Runs a plan on the agent's daemon with the logins of {@code logins} in memory (see
     * {@link SuppliedLogins#runLogins}); the project key and the masker come in {@code options}. An interrupt (the
     * build aborted) cancels the run, which removes its containers and aborts its uploads, and is passed on once the
     * run has ended.
     */
    static RunResult run(DockerDaemon daemon, CodeshipConfig config, Path projectFolder, Plan plan, RunOptions options,
            SuppliedLogins logins, RunListener listener) throws IOException, InterruptedException {
        try (RegistryClient client = RegistryClient.builder().build()) {
            Runner runner = new Runner(daemon, client, config.services(), projectFolder, plan.context(), options, listener,
                    logins.runLogins(options.hostEnvironment()));
            return untilInterrupted("registry-steps run", () -> runner.run(plan), () -> {
                try {
                    runner.cancel();
                } catch (IOException e) {
                    // the run ends either way; what it could not remove, its own cleanup tries again
                }
            });
        }
    }

    /**
     * Does {@code work} on a thread of its own, since a thread blocked on a socket does not see an interrupt: when the
     * calling thread is interrupted (Jenkins aborting the build reaches the agent so), {@code stop} is called, the work
     * is awaited, and the interrupt passed on.
     */
    private static <T> T untilInterrupted(String name, Callable<T> work, Runnable stop)
            throws IOException, InterruptedException {
        FutureTask<T> running = new FutureTask<>(work);
        Thread thread = new Thread(running, name);
        thread.start();
        try {
            return running.get();
        } catch (InterruptedException e) {
            stop.run();
            thread.join();
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException failed) {
                throw failed;
            }
            if (e.getCause() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            if (e.getCause() instanceof RuntimeException unexpected) {
                throw unexpected;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** What a finished step pushed ({@code StepResult.pushes()}), seen from the build's commit and branch. */
    static List<PushRecord> pushesOf(StepResult result, BuildContext context) {
        return result.pushes().stream().map(push -> PushRecord.of(result.name(), push, context.commitId(), context.branch()))
                .toList();
    }

    /** The variables of {@code image_tag} templates for a push outside a plan. Stands for the Planner's template data. */
    static TemplateData templateData(BuildContext context, String stepName, ImageReference repository) {
        return context.templateData().stepName(stepName).imageName(repository.repository()).build();
    }

    /**
     * The logins of a Docker config file ({@code config.json} or the legacy {@code .dockercfg}), keyed by registry host,
     * read by engine.auth's reader. Errors name the file and position, never its content.
     */
    static Map<String, Credential> dockerConfigLogins(byte[] content, String what) throws IOException {
        Map<String, Credential> logins = DockerConfigFile.parse(content, what).auths();
        if (logins.isEmpty()) {
            throw new IOException(what + " holds no registry login: expected \"auths\" entries with \"auth\" or "
                    + "\"username\" and \"password\"");
        }
        return logins;
    }

    /**
     * An error the engine did not expect (a bug, or a library's unchecked failure) as the build should show it: its
     * stack trace in the log and its message in the failure, both with every secret masked, since a message may quote
     * what it failed on.
     */
    static AbortException unexpected(String function, RuntimeException e, SecretMasker masker, PrintStream log) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        log.print(masker.mask(trace.toString()));
        return new AbortException(function + ": " + masker.mask(e.toString()));
    }

    private static ImageReference parse(String reference) throws IOException {
        try {
            return ImageReference.parse(reference);
        } catch (io.jenkins.plugins.registrysteps.engine.image.InvalidReferenceException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
