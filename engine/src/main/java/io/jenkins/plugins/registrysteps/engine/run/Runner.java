package io.jenkins.plugins.registrysteps.engine.run;

import io.jenkins.plugins.registrysteps.engine.config.Located;
import io.jenkins.plugins.registrysteps.engine.config.Service;
import io.jenkins.plugins.registrysteps.engine.config.ServicesFile;
import io.jenkins.plugins.registrysteps.engine.docker.DockerDaemon;
import io.jenkins.plugins.registrysteps.engine.docker.RunRequest;
import io.jenkins.plugins.registrysteps.engine.plan.BuildContext;
import io.jenkins.plugins.registrysteps.engine.plan.Plan;
import io.jenkins.plugins.registrysteps.engine.plan.PlanStep;
import io.jenkins.plugins.registrysteps.engine.plan.PushStep;
import io.jenkins.plugins.registrysteps.engine.plan.RunStep;
import io.jenkins.plugins.registrysteps.engine.plan.StepGroup;
import java.io.IOException;
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
 * finished. Every step reports its status and duration.
 */
public final class Runner {

    private final DockerDaemon daemon;
    private final ServicesFile services;
    private final Path projectFolder;
    private final BuildContext context;
    private final RunOptions options;
    private final RunListener listener;
    private final ServiceImages images;
    private final Semaphore containers;
    private final List<StepResult> results = Collections.synchronizedList(new ArrayList<>());

    public Runner(DockerDaemon daemon, ServicesFile services, Path projectFolder, BuildContext context, RunOptions options,
            RunListener listener) {
        this.daemon = daemon;
        this.services = services;
        this.projectFolder = projectFolder;
        this.context = context;
        this.options = options;
        this.listener = listener;
        this.images = new ServiceImages(daemon, projectFolder, context, options);
        this.containers = new Semaphore(options.parallelism());
    }

    public RunResult run(Plan plan) throws InterruptedException {
        ExecutorService groups = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "registry-steps step");
            thread.setDaemon(true);
            return thread;
        });
        try {
            serial(plan.steps(), groups);
        } finally {
            groups.shutdownNow();
        }
        return new RunResult(results);
    }

    /** Runs steps in order; after a failure the rest are skipped. Returns whether all passed. */
    private boolean serial(List<PlanStep> steps, ExecutorService groups) throws InterruptedException {
        boolean passed = true;
        for (PlanStep step : steps) {
            if (!passed) {
                skip(step);
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
        listener.started(step);
        long start = System.nanoTime();
        StepResult.Status status;
        String detail;
        if (step instanceof StepGroup group) {
            boolean passed = group.parallel() ? parallel(group.steps(), groups) : serial(group.steps(), groups);
            status = passed ? StepResult.Status.PASSED : StepResult.Status.FAILED;
            detail = passed ? "" : "a step of the group failed";
        } else if (step instanceof RunStep run) {
            String failure = runStep(run);
            status = failure == null ? StepResult.Status.PASSED : StepResult.Status.FAILED;
            detail = failure == null ? "" : failure;
        } else {
            PushStep push = (PushStep) step;
            String outcome = pushStep(push);
            status = outcome.startsWith("sha256:") ? StepResult.Status.PASSED : StepResult.Status.FAILED;
            detail = status == StepResult.Status.PASSED ? push.image() + "@" + outcome : outcome;
        }
        StepResult result = new StepResult(step.name(), status, Duration.ofNanos(System.nanoTime() - start), detail);
        results.add(result);
        listener.finished(step, result);
        return result;
    }

    /** @return null when the command exited 0, else why the step failed */
    private String runStep(RunStep step) throws InterruptedException {
        Service service = services.service(step.service()).orElseThrow();
        containers.acquire();
        try {
            String image = images.imageFor(service, line -> listener.output(step, line));
            RunRequest request = new RunRequest(image, step.command().args(),
                    service.entrypoint() == null ? null : service.entrypoint().args(),
                    StepEnvironment.of(context, service, projectFolder, options.hostEnvironment()),
                    Located.valueOf(service.workingDir()), binds(service), options.network());
            int code = daemon.run(request, line -> listener.output(step, line));
            return code == 0 ? null : "the command exited with " + code;
        } catch (IOException e) {
            return e.getMessage();
        } finally {
            containers.release();
        }
    }

    /** @return the pushed digest, or why the push failed */
    private String pushStep(PushStep step) throws InterruptedException {
        Service service = services.service(step.service()).orElseThrow();
        try {
            String image = images.imageFor(service, line -> listener.output(step, line));
            return daemon.push(image, step.image().repository(), step.image().tag(), line -> listener.output(step, line));
        } catch (IOException e) {
            return e.getMessage();
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

    private void skip(PlanStep step) {
        StepResult result = new StepResult(step.name(), StepResult.Status.SKIPPED, Duration.ZERO, "an earlier step failed");
        results.add(result);
        listener.finished(step, result);
    }
}
