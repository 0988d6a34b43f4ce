package io.jenkins.plugins.registrysteps.engine.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A private dockerd (with the containerd it manages) listening only on a unix socket in a folder of its own, for the
 * demo and the test rig. It changes nothing on the host: vfs storage, no bridge, no iptables, no ip_forward, and a
 * config file of its own.
 */
public final class LocalDockerd {

    /** The daemon of Debian's docker.io package. */
    public static final Path DOCKERD = Path.of("/usr/sbin/dockerd");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final Path socket;
    private final ServerProcess dockerd;

    private LocalDockerd(Path dir, Path socket, ServerProcess dockerd) {
        this.dir = dir;
        this.socket = socket;
        this.dockerd = dockerd;
    }

    /** Starts dockerd with its socket, data and logs in {@code dir} (kept short: a socket path holds ~108 bytes). */
    public static LocalDockerd start(Path dir) {
        Path socket = dir.resolve("docker.sock");
        Path config = dir.resolve("daemon.json");
        try {
            // an own config file: the host's /etc/docker/daemon.json must not leak in, and key.json stays out of /etc/docker
            Files.writeString(config, "{\"deprecated-key-path\": \"" + dir.resolve("key.json") + "\"}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> argv = List.of(DOCKERD.toString(),
                "--config-file=" + config,
                "--data-root=" + dir.resolve("data"),
                "--exec-root=" + dir.resolve("exec"),
                "--pidfile=" + dir.resolve("dockerd.pid"),
                "--host=unix://" + socket,
                // vfs: works on any filesystem without overlay support in the kernel, at the cost of full copies
                "--storage-driver=vfs",
                // no bridge, no iptables, no ip_forward sysctl: nothing here touches the host's network
                "--bridge=none",
                "--iptables=false",
                "--ip-forward=false",
                "--userland-proxy=false");
        Path log = dir.resolve("dockerd.log");
        ServerProcess dockerd = ServerProcess.start("dockerd", argv, Map.of(), log, log);
        LocalDockerd daemon = new LocalDockerd(dir, socket, dockerd);
        try {
            daemon.awaitPing();
        } catch (RuntimeException e) {
            daemon.stop();
            throw e;
        }
        return daemon;
    }

    /** {@code unix:///.../docker.sock} */
    public String host() {
        return "unix://" + socket;
    }

    public Path log() {
        return dockerd.log();
    }

    private void awaitPing() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!dockerd.isAlive()) {
                throw new IllegalStateException("dockerd exited while starting; last lines of " + dockerd.log()
                        + ":\n" + dockerd.logTail(40));
            }
            if (Files.exists(socket)) {
                try {
                    String answer = ping();
                    if (answer.startsWith("HTTP/1.") && answer.contains(" 200 ")) {
                        return;
                    }
                    last = answer.lines().findFirst().orElse(answer);
                } catch (IOException e) {
                    last = e.toString();
                }
            }
            sleep(100);
        }
        throw new IllegalStateException("dockerd did not answer /_ping on " + socket + " within " + START_TIMEOUT
                + " (last: " + last + "); last lines of " + dockerd.log() + ":\n" + dockerd.logTail(40));
    }

    private String ping() throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(4096);
            while (ch.read(buf) > 0) {
                answer.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            return answer.toString(StandardCharsets.US_ASCII);
        }
    }

    /** Stops dockerd, then whatever it started that outlived it (its containerd, shims) found by its folder's path. */
    public void stop() {
        Optional<ProcessHandle> containerd = containerdPid().flatMap(ProcessHandle::of);
        dockerd.stop();
        containerd.ifPresent(h -> ServerProcess.stop(h, Duration.ofSeconds(10)));
        for (ProcessHandle stray : processesMentioning(dir)) {
            ServerProcess.stop(stray, Duration.ofSeconds(5));
        }
    }

    private Optional<Long> containerdPid() {
        Path pidFile = dir.resolve("exec/containerd/containerd.pid");
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Processes whose command line names a path inside {@code dir}: only ever this daemon's children. */
    private static List<ProcessHandle> processesMentioning(Path dir) {
        List<ProcessHandle> found = new ArrayList<>();
        byte[] needle = (dir.toString() + "/").getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        ProcessHandle.allProcesses().forEach(h -> {
            if (h.pid() == self) {
                return;
            }
            try {
                byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "cmdline"));
                if (indexOf(cmdline, needle) >= 0) {
                    found.add(h);
                }
            } catch (IOException e) {
                // gone meanwhile
            }
        });
        return found;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for dockerd", e);
        }
    }

    @Override
    public String toString() {
        return "dockerd " + host() + " (pid " + dockerd.pid() + ")";
    }
}
