package io.jenkins.plugins.registrysteps.engine.rig;

import io.jenkins.plugins.registrysteps.engine.docker.DockerDaemon;
import io.jenkins.plugins.registrysteps.engine.docker.DockerEndpoint;
import io.jenkins.plugins.registrysteps.engine.local.BusyboxImage;
import io.jenkins.plugins.registrysteps.engine.local.LocalDockerd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Real servers for integration tests: a private Docker daemon (or the one named by {@code DOCKER_HOST}),
 * registries on 127.0.0.1 and a busybox base image. One per JVM, started on first use, stopped at JVM exit.
 *
 * <pre>{@code
 * Rig rig = Rig.get();
 * RigRegistry registry = rig.startRegistry();
 * rig.docker("tag", rig.baseImage(), registry.host() + "/app:1");
 * rig.docker("push", registry.host() + "/app:1");
 *
 * RigRegistry basic = rig.registry().htpasswd("alice", "pw").tls().start(); // https, trust basic.caCertificate()
 * RigTokenIssuer issuer = rig.tokenIssuer().user("alice", "pw").anonymousPull().start();
 * RigRegistry bearer = rig.registry().tokenAuth(issuer).start();            // 401 Bearer realm=issuer.realm()
 * rig.dockerLogin(bearer.host(), "alice", "pw");
 * }</pre>
 */
public final class Rig implements AutoCloseable {

    private static final Duration DOCKER_TIMEOUT = Duration.ofMinutes(5);
    private static Rig shared;
    private static RuntimeException sharedFailure;

    private final RigDir dir;
    private final LocalDockerd daemon; // null when DOCKER_HOST names an outside daemon
    private final String dockerHost;
    private final Map<String, String> dockerEnv;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private String baseImage;
    private RigCa ca;
    private boolean closed;

    private Rig(RigDir dir, LocalDockerd daemon, String dockerHost) {
        this.dir = dir;
        this.daemon = daemon;
        this.dockerHost = dockerHost;
        Map<String, String> env = new HashMap<>();
        env.put("DOCKER_HOST", dockerHost);
        env.put("DOCKER_BUILDKIT", "0");
        // a private client config: docker login in one test must not touch ~/.docker or leak into another run
        env.put("DOCKER_CONFIG", dir.dir("docker-config").toString());
        env.put("DOCKER_CLI_HINTS", "false");
        if (daemon != null) {
            env.put("DOCKER_TLS_VERIFY", ""); // the private socket speaks no TLS, whatever the caller's shell says
        } else if (System.getenv("DOCKER_CERT_PATH") == null) {
            // an outside TLS daemon's certs default to DOCKER_CONFIG, which is now private: keep the usual place
            env.put("DOCKER_CERT_PATH", Path.of(System.getProperty("user.home"), ".docker").toString());
        }
        this.dockerEnv = Map.copyOf(env);
    }

    /** The JVM's shared rig, started on first call (a few seconds), stopped by a shutdown hook. */
    public static synchronized Rig get() {
        // a failed start is not retried by every later test class: each would wait out the same timeout
        if (sharedFailure != null) {
            throw new IllegalStateException("the shared rig failed to start earlier in this JVM", sharedFailure);
        }
        if (shared == null || shared.closed) {
            try {
                shared = start();
            } catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
        }
        return shared;
    }

    /** A rig of one's own, for tests that must not share one; the caller closes it (else the JVM's exit does). */
    public static Rig start() {
        String outside = System.getenv("DOCKER_HOST");
        boolean ownDaemon = outside == null || outside.isBlank();
        RequiredPackages.check(ownDaemon);
        RigDir dir = RigDir.create();
        Rig rig = null;
        try {
            LocalDockerd daemon = ownDaemon ? LocalDockerd.start(dir.dir("docker")) : null;
            rig = new Rig(dir, daemon, ownDaemon ? daemon.host() : outside);
            Runtime.getRuntime().addShutdownHook(new Thread(rig::close, "registry-steps-rig-shutdown"));
            if (!ownDaemon) {
                rig.docker("version", "--format", "{{.Server.Version}}"); // fail here, not in the first test, when unreachable
            }
            return rig;
        } catch (RuntimeException e) {
            if (rig != null) {
                rig.close();
            } else {
                dir.delete();
            }
            throw e;
        }
    }

    /** The daemon address, e.g. {@code unix:///tmp/rig-123/docker/docker.sock}. */
    public String dockerHost() {
        return dockerHost;
    }

    /** Whether the rig started its own dockerd (false when {@code DOCKER_HOST} was set). */
    public boolean ownsDaemon() {
        return daemon != null;
    }

    /** The environment the docker CLI needs to talk to the rig's daemon: DOCKER_HOST, DOCKER_BUILDKIT=0, DOCKER_CONFIG. */
    public Map<String, String> dockerEnv() {
        return dockerEnv;
    }

    /** The docker CLI binary of the docker.io package. */
    public Path dockerCli() {
        return RequiredPackages.DOCKER;
    }

    /** Runs the docker CLI against the rig's daemon; returns stdout, throws with stderr on a non-zero exit. */
    public String docker(String... args) {
        return dockerResult(args).stdoutOrThrow();
    }

    Command.Result dockerResult(String... args) {
        List<String> argv = new ArrayList<>(args.length + 1);
        argv.add(RequiredPackages.DOCKER.toString());
        argv.addAll(List.of(args));
        return Command.run(argv, dockerEnv, DOCKER_TIMEOUT);
    }

    /** The busybox base image, built in the daemon on first call: {@value BusyboxImage#NAME}. */
    public synchronized String baseImage() {
        if (baseImage == null) {
            try (DockerDaemon docker = DockerDaemon.connect(DockerEndpoint.fromEnvironment(dockerEnv, dir()))) {
                baseImage = BusyboxImage.ensure(docker, dir.dir("base-image"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the base image " + BusyboxImage.NAME, e);
            }
        }
        return baseImage;
    }

    /** Starts a plain-HTTP registry with default options. */
    public RigRegistry startRegistry() {
        return registry().start();
    }

    /** Options for a new registry; {@link RigRegistry.Builder#start()} starts it. */
    public RigRegistry.Builder registry() {
        return new RigRegistry.Builder(dir.dir("registries"), this::ca, this::track, this::untrack);
    }

    /** Options for a new token issuer, for {@link RigRegistry.Builder#tokenAuth}. */
    public RigTokenIssuer.Builder tokenIssuer() {
        return new RigTokenIssuer.Builder(dir.dir("token-issuers"), this::ca, this::track, this::untrack);
    }

    /**
     * {@code docker login} to a rig registry ("127.0.0.1:PORT"), the password on stdin so that it shows in no
     * command line or error message; the credentials land in the rig's private {@code DOCKER_CONFIG}.
     */
    public void dockerLogin(String registryHost, String user, String password) {
        List<String> argv = List.of(RequiredPackages.DOCKER.toString(), "login", "--username", user,
                "--password-stdin", registryHost);
        Command.run(argv, dockerEnv, password, DOCKER_TIMEOUT).stdoutOrThrow();
    }

    /** The CA of every TLS server of this rig, made on first use. */
    private synchronized RigCa ca() {
        if (ca == null) {
            ca = RigCa.create(dir.dir("ca"));
        }
        return ca;
    }

    /** The rig's own temp folder (deleted on close): logs of dockerd and registries live here. */
    public Path dir() {
        return dir.root();
    }

    /** dockerd's log, or null when the daemon is not the rig's. */
    public Path dockerdLog() {
        return daemon == null ? null : daemon.log();
    }

    private synchronized void track(AutoCloseable server) {
        if (closed) {
            closeQuietly(server);
            throw new IllegalStateException("the rig is closed");
        }
        started.push(server);
    }

    private synchronized void untrack(AutoCloseable server) {
        started.remove(server);
    }

    /** Stops registries (newest first), then dockerd, then deletes the temp folder. Idempotent. */
    @Override
    public void close() {
        List<AutoCloseable> toStop;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toStop = new ArrayList<>(started);
            started.clear();
        }
        toStop.forEach(Rig::closeQuietly);
        if (daemon != null) {
            killContainers();
            daemon.stop();
        }
        dir.delete();
    }

    /** dockerd would give each running container its 10 s stop timeout on shutdown: they die at once instead. */
    private void killContainers() {
        try {
            List<String> running = dockerResult("ps", "--quiet", "--no-trunc").stdout().lines()
                    .filter(id -> !id.isBlank()).toList();
            if (!running.isEmpty()) {
                List<String> args = new ArrayList<>(List.of("kill"));
                args.addAll(running);
                dockerResult(args.toArray(String[]::new));
            }
        } catch (RuntimeException e) {
            System.err.println("rig: cannot kill containers before stopping dockerd: " + e);
        }
    }

    private static void closeQuietly(AutoCloseable server) {
        try {
            server.close();
        } catch (Exception e) {
            System.err.println("rig: cannot stop " + server + ": " + e);
        }
    }

    @Override
    public String toString() {
        return "rig " + dir + " on " + dockerHost;
    }
}
