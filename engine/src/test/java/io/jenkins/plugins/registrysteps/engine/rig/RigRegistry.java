package io.jenkins.plugins.registrysteps.engine.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A running CNCF distribution server ({@code docker-registry}) on 127.0.0.1, plain HTTP, storage in the rig's folder.
 * Built through {@link Builder} so that auth and TLS options can be added later without breaking callers.
 */
public final class RigRegistry implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final int PORT_ATTEMPTS = 3;

    private final String name;
    private final int port;
    private final Path dir;
    private final ServerProcess process;
    private final Consumer<RigRegistry> onClose;
    private boolean closed;

    private RigRegistry(String name, int port, Path dir, ServerProcess process, Consumer<RigRegistry> onClose) {
        this.name = name;
        this.port = port;
        this.dir = dir;
        this.process = process;
        this.onClose = onClose;
    }

    /** "127.0.0.1:PORT", the form image references and docker login use. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** "http://127.0.0.1:PORT", without a trailing slash. */
    public URI url() {
        return URI.create("http://" + host());
    }

    /** The folder holding this registry's config, storage and logs. */
    public Path dir() {
        return dir;
    }

    /**
     * The access log so far, one request a line in Apache combined format
     * ({@code 127.0.0.1 - - [date] "GET /v2/ HTTP/1.1" 200 2 "" "agent"}).
     * A line is written just after its response, so a client may see the answer a moment before the line.
     */
    public List<String> accessLog() {
        try {
            return new String(Files.readAllBytes(dir.resolve("access.log")), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The registry's own (application) log, for diagnosing failures. */
    public Path log() {
        return process.log();
    }

    /** Stops this registry now (it is otherwise stopped with the rig); idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        process.stop();
        onClose.accept(this);
    }

    @Override
    public String toString() {
        return "registry " + name + " at " + host() + " (pid " + process.pid() + ")";
    }

    /** Options for a registry; obtain one from {@link Rig#registry()}. */
    public static final class Builder {

        private final Path parent;
        private final Consumer<RigRegistry> onStart;
        private final Consumer<RigRegistry> onClose;
        private String name = "registry";
        private boolean deleteEnabled = true;

        Builder(Path parent, Consumer<RigRegistry> onStart, Consumer<RigRegistry> onClose) {
            this.parent = parent;
            this.onStart = onStart;
            this.onClose = onClose;
        }

        /** A name for its folder and messages (default "registry"); a unique suffix is added. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Whether DELETE of manifests and blobs is allowed (default true). */
        public Builder deleteEnabled(boolean deleteEnabled) {
            this.deleteEnabled = deleteEnabled;
            return this;
        }

        public RigRegistry start() {
            Path dir;
            try {
                dir = Files.createTempDirectory(parent, name + "-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            IllegalStateException failure = null;
            // a free port may be taken between probing and binding: retry on a new one
            for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
                int port = freePort();
                RigRegistry registry = launch(dir, port);
                try {
                    registry.awaitV2();
                    onStart.accept(registry);
                    return registry;
                } catch (IllegalStateException e) {
                    registry.process.stop();
                    failure = e;
                    if (!ServerProcess.tail(registry.log(), 20).contains("address already in use")) {
                        break;
                    }
                }
            }
            throw failure;
        }

        private RigRegistry launch(Path dir, int port) {
            Path config = dir.resolve("config-" + port + ".yml");
            try {
                Files.writeString(config, config(dir.resolve("storage"), port));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // distribution writes the access log to stdout and its own log to stderr
            ServerProcess process = ServerProcess.start(name + ":" + port,
                    List.of(RequiredPackages.REGISTRY.toString(), "serve", config.toString()),
                    Map.of(), dir.resolve("access.log"), dir.resolve("registry.log"));
            return new RigRegistry(name, port, dir, process, onClose);
        }

        /** No http.debug section: the debug/metrics listener stays off, so 127.0.0.1:PORT is the only listener. */
        private String config(Path storage, int port) {
            return """
                    version: 0.1
                    log:
                      level: info
                      formatter: text
                      accesslog:
                        disabled: false
                    storage:
                      filesystem:
                        rootdirectory: %s
                      delete:
                        enabled: %s
                      maintenance:
                        uploadpurging:
                          enabled: false
                    http:
                      addr: 127.0.0.1:%d
                      secret: registry-steps-rig-not-a-secret
                      headers:
                        X-Content-Type-Options: [nosniff]
                    """.formatted(storage, deleteEnabled, port);
        }
    }

    private void awaitV2() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(url().resolve("/v2/")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(this + " exited while starting; last lines of " + log() + ":\n"
                        + process.logTail(30));
            }
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200 || response.statusCode() == 401) {
                    return;
                }
                last = "HTTP " + response.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + this, e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + this, e);
            }
        }
        throw new IllegalStateException(this + " did not answer GET /v2/ within " + START_TIMEOUT + " (last: " + last
                + "); last lines of " + log() + ":\n" + process.logTail(30));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
