package io.jenkins.plugins.registrysteps.engine.run;

import io.jenkins.plugins.registrysteps.engine.docker.DockerDaemon;
import io.jenkins.plugins.registrysteps.engine.docker.DockerException;
import io.jenkins.plugins.registrysteps.engine.docker.LineSink;
import io.jenkins.plugins.registrysteps.engine.docker.RunRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every container and network of one run, each labelled with the run's id: a step's container runs to completion,
 * its linked services live on a network of the step's own, and {@link #cancel()} removes all of them at once.
 */
final class RunContainers {

    static final String RUN_LABEL = DockerDaemon.LABEL + ".run";
    private static final String SCOPE_LABEL = DockerDaemon.LABEL + ".scope";

    private final DockerDaemon daemon;
    private final String runId = UUID.randomUUID().toString();
    private final AtomicInteger scopes = new AtomicInteger();
    private volatile boolean cancelled;

    RunContainers(DockerDaemon daemon) {
        this.daemon = daemon;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Runs a container to completion; after {@link #cancel()} none starts, and one running is removed. */
    int run(RunRequest request, LineSink log) throws DockerException, InterruptedException {
        String id = daemon.create(request.labelled(Map.of(RUN_LABEL, runId)));
        // a cancel that listed containers before this one existed has set the flag before listing: seen here
        if (cancelled) {
            daemon.remove(id);
            throw new DockerException("the run was cancelled");
        }
        return daemon.runCreated(id, request, log);
    }

    /**
     * A network for one step and the services linked to it: internal (no route off the host) when the run's
     * containers have no network, else an ordinary bridge.
     */
    StepNetwork network(boolean internal) throws DockerException {
        String scope = Integer.toString(scopes.incrementAndGet());
        Map<String, String> labels = Map.of(RUN_LABEL, runId, SCOPE_LABEL, scope);
        String name = "registry-steps-" + runId.substring(0, 8) + "-" + scope;
        daemon.createNetwork(name, internal, labels);
        return new StepNetwork(name, labels);
    }

    /**
     * Stops whatever runs now (containers, builds, pushes) and keeps anything new from starting.
     *
     * @param transfers stops the run's registry requests, once the run counts as cancelled
     */
    void cancel(Runnable transfers) throws DockerException {
        cancelled = true;
        transfers.run();
        daemon.stopStreams();
        removeAll();
    }

    /** Removes every container, then every network, of this run. */
    void removeAll() throws DockerException {
        Map<String, String> run = Map.of(RUN_LABEL, runId);
        daemon.removeContainers(run);
        daemon.removeNetworks(run);
    }

    /** A step's network, with the linked services started on it; closing removes those and the network. */
    final class StepNetwork implements AutoCloseable {

        private final String name;
        private final Map<String, String> labels;

        private StepNetwork(String name, Map<String, String> labels) {
            this.name = name;
            this.labels = labels;
        }

        String name() {
            return name;
        }

        /** Starts a service in the background on this network, reachable there by each of {@code aliases}. */
        void start(RunRequest service, List<String> aliases) throws DockerException {
            if (cancelled) {
                throw new DockerException("the run was cancelled");
            }
            daemon.start(service.onNetwork(name, aliases).labelled(labels));
        }

        @Override
        public void close() throws DockerException {
            daemon.removeContainers(labels);
            daemon.removeNetworks(labels);
        }
    }
}
