package io.jenkins.plugins.registrysteps.engine.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import javax.net.ssl.SSLContext;

/**
 * A CNCF distribution server ({@code docker-registry}) on a free 127.0.0.1 port, with its config, storage and logs
 * in a folder of its own: the demo's registry, and the base of the test rig's registries (which add auth and TLS).
 */
public final class LocalRegistry implements AutoCloseable {

    /** The registry of Debian's docker-registry package. */
    public static final Path REGISTRY = Path.of("/usr/bin/docker-registry");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final int PORT_ATTEMPTS = 3;

    private final String name;
    private final int port;
    private final ServerProcess process;
    private final boolean tls;

    private LocalRegistry(String name, int port, ServerProcess process, boolean tls) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.tls = tls;
    }

    /** A plain-HTTP registry without auth, storage in {@code dir}. */
    public static LocalRegistry start(Path dir, String name) {
        return start(dir, name, true, port -> "", null);
    }

    /**
     * Starts a registry and waits until it answers {@code /v2/}.
     *
     * @param settings YAML for a port: lines that continue the {@code http:} section (indented), then top-level sections
     * @param trust how to trust its certificate when {@code settings} turn TLS on; null for plain HTTP
     */
    public static LocalRegistry start(Path dir, String name, boolean deleteEnabled, IntFunction<String> settings,
            SSLContext trust) {
        IllegalStateException failure = null;
        // a free port may be taken between probing and binding: retry on a new one
        for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
            int port = freePort();
            Path config = dir.resolve("config-" + port + ".yml");
            try {
                Files.writeString(config, config(dir.resolve("storage"), port, deleteEnabled) + settings.apply(port));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // distribution writes the access log to stdout and its own log to stderr
            ServerProcess process = ServerProcess.start(name + ":" + port, List.of(REGISTRY.toString(), "serve", config.toString()),
                    Map.of(), dir.resolve("access.log"), dir.resolve("registry.log"));
            LocalRegistry registry = new LocalRegistry(name, port, process, trust != null);
            try {
                registry.awaitV2(trust);
                return registry;
            } catch (IllegalStateException e) {
                process.stop();
                failure = e;
                if (!ServerProcess.tail(process.log(), 20).contains("address already in use")) {
                    break;
                }
            }
        }
        throw failure;
    }

    /** "127.0.0.1:PORT", the form image references and docker login use. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** "http://127.0.0.1:PORT", or "https://..." with TLS; without a trailing slash. */
    public URI url() {
        return URI.create((tls ? "https://" : "http://") + host());
    }

    public ServerProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop();
    }

    @Override
    public String toString() {
        return "registry " + name + " at " + host() + " (pid " + process.pid() + ")";
    }

    /**
     * No http.debug section: the debug/metrics listener stays off, so 127.0.0.1:PORT is the only listener.
     * Ends inside the http section, so a TLS section can follow.
     */
    private static String config(Path storage, int port, boolean deleteEnabled) {
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
                  secret: registry-steps-local-not-a-secret
                  headers:
                    X-Content-Type-Options: [nosniff]
                """.formatted(storage, deleteEnabled, port);
    }

    private void awaitV2(SSLContext trust) {
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        if (trust != null) {
            client.sslContext(trust);
        }
        HttpClient http = client.build();
        HttpRequest request = HttpRequest.newBuilder(url().resolve("/v2/")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(this + " exited while starting; last lines of " + process.log() + ":\n"
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
                + "); last lines of " + process.log() + ":\n" + process.logTail(30));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
