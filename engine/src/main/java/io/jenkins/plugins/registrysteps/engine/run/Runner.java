package io.jenkins.plugins.registrysteps.engine.run;

import io.jenkins.plugins.registrysteps.engine.auth.LoginResolver;
import io.jenkins.plugins.registrysteps.engine.auth.Logins;
import io.jenkins.plugins.registrysteps.engine.auth.NamedRegistries;
import io.jenkins.plugins.registrysteps.engine.auth.StepLogins;
import io.jenkins.plugins.registrysteps.engine.config.Service;
import io.jenkins.plugins.registrysteps.engine.crypt.EncryptedDockercfg;
import io.jenkins.plugins.registrysteps.engine.config.ServicesFile;
import io.jenkins.plugins.registrysteps.engine.docker.DockerDaemon;
import io.jenkins.plugins.registrysteps.engine.docker.DockerException;
import io.jenkins.plugins.registrysteps.engine.docker.LineSink;
import io.jenkins.plugins.registrysteps.engine.docker.RunRequest;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.plan.BuildContext;
import io.jenkins.plugins.registrysteps.engine.plan.LoginSource;
import io.jenkins.plugins.registrysteps.engine.plan.Plan;
import io.jenkins.plugins.registrysteps.engine.plan.PlanStep;
import io.jenkins.plugins.registrysteps.engine.plan.PushStep;
import io.jenkins.plugins.registrysteps.engine.plan.RunStep;
import io.jenkins.plugins.registrysteps.engine.plan.StepGroup;
import io.jenkins.plugins.registrysteps.engine.registry.RegistryClient;
import io.jenkins.plugins.registrysteps.engine.run.ServiceLinks.LinkedService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Walks a plan as Codeship's {@code jet steps} does: a serial group stops at its first failure and skips the rest; a
 * parallel group runs its steps at once (at most {@code parallelism} containers) and fails when any failed, after all
 * finished. Every step reports its status and duration. {@link #cancel()} stops the run from any thread. Registry
 * logins come from {@link Logins}: pushes and builds carry them in the request, never in a docker config file.
 */
public final class Runner {

    private final ServicesFile services;
    private final RunOptions options;
    private final RunListener listener;
    private final ServiceImages images;
    private final ServiceContainers requests;
    private final RunContainers containers;
    private final RegistryClient registry;
    private final ImagePusher pusher;
    private final Semaphore slots;
    private final Logins logins;
    private final List<StepResult> results = Collections.synchronizedList(new ArrayList<>());

    /**
     * A run with the logins of the docker config folder the daemon was connected with.
     *
     * @param registry reads pushed images back for their digest and size
     */
    public Runner(DockerDaemon daemon, RegistryClient registry, ServicesFile services, Path projectFolder,
            BuildContext context, RunOptions options, RunListener listener) {
        this(daemon, registry, services, projectFolder, context, options, listener,
                Logins.builder(options.hostEnvironment()).dockerConfigFolder(daemon.endpoint().configDir()));
    }

    /**
     * @param registry reads pushed images back for their digest and size, with each push step's logins
     * @param logins the run's login settings; the runner adds the project folder, the key for
     *     {@code encrypted_dockercfg_path}, the masker of its options and its generator containers
     */
    public Runner(DockerDaemon daemon, RegistryClient registry, ServicesFile services, Path projectFolder,
            BuildContext context, RunOptions options, RunListener listener, Logins.Builder logins) {
        this.services = services;
        this.options = options;
        this.listener = new MaskingListener(listener, options.masker());
        this.images = new ServiceImages(daemon, projectFolder, context, options);
        this.requests = new ServiceContainers(context, projectFolder, options, daemon.endpoint());
        this.containers = new RunContainers(daemon);
        this.registry = registry;
        this.pusher = new ImagePusher(daemon, registry);
        this.slots = new Semaphore(options.parallelism());
        this.logins = logins.projectFolder(projectFolder).masker(options.masker())
                .encryptedFiles(file -> EncryptedDockercfg.decrypt(options.key().key(), Files.readAllBytes(file),
                        projectFolder.relativize(file).toString()))
                .generator(new GeneratorContainers(services, images, requests, containers, this::commonLogins))
                .build();
    }

    /** Runs the plan; whatever happens, no container or network of the run is left behind. */
    public RunResult run(Plan plan) throws InterruptedException, DockerException {
        logins.registerKnownSecrets();
        ExecutorService groups = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "registry-steps step");
            thread.setDaemon(true);
            return thread;
        });
        try {
            serial(plan.steps(), groups);
        } finally {
            groups.shutdownNow();
            containers.removeAll();
        }
        return new RunResult(results, containers.cancelled());
    }

    /**
     * Removes every container and network of the run at once and stops the builds, pushes and saves under way; steps
     * running now end as cancelled, the rest are skipped.
     */
    public void cancel() throws DockerException {
        containers.cancel(registry::cancel);
    }

    /** Runs steps in order; after a failure the rest are skipped. Returns whether all passed. */
    private boolean serial(List<PlanStep> steps, ExecutorService groups) throws InterruptedException {
        boolean passed = true;
        for (PlanStep step : steps) {
            if (!passed) {
                skip(step, "an earlier step failed");
                continue;
            }
            passed = execute(step, groups).passed();
        }
        return passed;
    }

    private boolean parallel(List<PlanStep> steps, ExecutorService groups) throws InterruptedException {
        List<Future<StepResult>> running = new ArrayList<>();
        for (PlanStep step : steps) {
            running.add(groups.submit(() -> execute(step, groups)));
        }
        boolean passed = true;
        for (Future<StepResult> future : running) {
            try {
                passed &= future.get().passed();
            } catch (ExecutionException e) {
                passed = false;
            }
        }
        return passed;
    }

    private StepResult execute(PlanStep step, ExecutorService groups) throws InterruptedException {
        if (containers.cancelled()) {
            return skip(step, "the run was cancelled");
        }
        listener.started(step);
        long start = System.nanoTime();
        StepResult.Status status;
        String detail;
        List<PushRecord> pushes = List.of();
        if (step instanceof StepGroup group) {
            boolean passed = group.parallel() ? parallel(group.steps(), groups) : serial(group.steps(), groups);
            status = passed ? StepResult.Status.PASSED : StepResult.Status.FAILED;
            detail = passed ? "" : "a step of the group failed";
        } else if (step instanceof RunStep run) {
            String failure = runStep(run);
            status = failure == null ? StepResult.Status.PASSED : StepResult.Status.FAILED;
            detail = failure == null ? "" : failure;
        } else {
            try {
                pushes = pushStep((PushStep) step);
                status = StepResult.Status.PASSED;
                detail = String.join(", ", pushes.stream().map(PushRecord::toString).toList());
            } catch (IOException e) {
                status = StepResult.Status.FAILED;
                detail = e.getMessage();
            }
        }
        if (status != StepResult.Status.PASSED && containers.cancelled()) {
            status = StepResult.Status.CANCELLED;
            detail = "the run was cancelled";
        }
        StepResult result = new StepResult(step.name(), status, Duration.ofNanos(System.nanoTime() - start),
                options.masker().mask(detail), pushes);
        results.add(result);
        listener.finished(step, result);
        return result;
    }

    /** @return null when the command exited 0, else why the step failed */
    private String runStep(RunStep step) throws InterruptedException {
        Service service = services.service(step.service()).orElseThrow();
        LineSink log = line -> listener.output(step, line);
        slots.acquire();
        try {
            String image = images.imageFor(service, resolver(step, step.login()), log);
            RunRequest request = requests.request(service, image, step.command().args(), step.encryptedEnvFiles());
            List<LinkedService> linked = ServiceLinks.of(services, service);
            int code = linked.isEmpty() ? containers.run(request, log) : runLinked(service, request, linked, log);
            return code == 0 ? null : "the command exited with " + code;
        } catch (IOException | ServiceLinks.LinkCycleException e) {
            return e.getMessage();
        } finally {
            slots.release();
        }
    }

    /** Starts the linked services on a network of the step's own, runs the step there, then removes them all. */
    private int runLinked(Service service, RunRequest request, List<LinkedService> linked, LineSink log)
            throws IOException, InterruptedException {
        try (RunContainers.StepNetwork network = containers.network("none".equals(options.network()))) {
            for (LinkedService link : linked) {
                Service linkedService = link.service();
                String image = images.imageFor(linkedService, commonLogins(), log);
                List<String> command = linkedService.command() == null ? List.of() : linkedService.command().args();
                network.start(requests.request(linkedService, image, command, List.of()), link.aliases());
                log.line("started linked service " + linkedService.nameText() + " as " + String.join(", ", link.aliases()));
            }
            return containers.run(request.onNetwork(network.name(), List.of(service.nameText())), log);
        }
    }

    private List<PushRecord> pushStep(PushStep step) throws IOException, InterruptedException {
        Service service = services.service(step.service()).orElseThrow();
        LineSink log = line -> listener.output(step, line);
        LoginResolver resolver = resolver(step, step.login());
        NamedRegistries named = logins.namedRegistries();
        if (!step.pushTo().isEmpty()) {
            // registry-steps' list: one save, every registry with its own login
            List<ImageReference> targets = new ArrayList<>();
            for (String registry : step.pushTo()) {
                targets.add(named.pushTargetAmong(registry, step.image()));
            }
            return pusher.push(images.imageFor(service, resolver, log), targets, List.of(step.image().tag()), resolver, log);
        }
        ImageReference target = named.pushTarget(step.registry(), step.image());
        // Codeship logs in to the step's registry; a named registry's login is its domain's
        String loginFor = named.named(step.registry()).isPresent() ? target.registry() : step.registry();
        return List.of(pusher.push(images.imageFor(service, resolver, log), target, List.of(target.tag()), loginFor, resolver,
                log));
    }

    private LoginResolver commonLogins() {
        return logins.resolver();
    }

    private LoginResolver resolver(PlanStep step, LoginSource source) {
        StepLogins own = StepLogins.of(source);
        return logins.resolver(step instanceof PushStep push
                        ? own.pushingTo(push.pushTo().isEmpty() ? List.of(push.registry()) : push.pushTo()) : own,
                line -> listener.output(step, line));
    }

    private StepResult skip(PlanStep step, String reason) {
        StepResult result = new StepResult(step.name(), StepResult.Status.SKIPPED, Duration.ZERO, reason);
        results.add(result);
        listener.finished(step, result);
        return result;
    }
}
