package io.jenkins.plugins.registrysteps.engine.local;

import io.jenkins.plugins.registrysteps.engine.docker.BuildRequest;
import io.jenkins.plugins.registrysteps.engine.docker.DockerDaemon;
import io.jenkins.plugins.registrysteps.engine.docker.DockerException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A tiny base image made on this machine, since nothing can be pulled: a root filesystem holding only Debian's static
 * busybox ({@code busybox-static}) and its applet links, built {@code FROM scratch} by the daemon itself.
 */
public final class BusyboxImage {

    /** The image's name, which the demo pipeline's Dockerfile builds on. */
    public static final String NAME = "registry-steps/busybox:rig";
    /** The statically linked busybox of Debian's busybox-static package. */
    public static final Path BUSYBOX = Path.of("/bin/busybox");

    private static final String DOCKERFILE = """
            FROM scratch
            ADD rootfs.tar /
            ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
            CMD ["/bin/sh"]
            """;

    private BusyboxImage() {
    }

    /** Builds the image unless the daemon has it; {@code workDir} holds the build context meanwhile. */
    public static String ensure(DockerDaemon daemon, Path workDir) throws IOException {
        if (daemon.hasImage(NAME)) {
            return NAME;
        }
        try (TempFolder context = TempFolder.create(workDir, "busybox-image-")) {
            Files.writeString(context.path().resolve("Dockerfile"), DOCKERFILE);
            writeRootfs(context.path().resolve("rootfs.tar"), applets());
            daemon.build(new BuildRequest(context.path(), "Dockerfile", Map.of(), null,
                    Map.of("org.opencontainers.image.description", "registry-steps base image (busybox-static)"),
                    List.of(NAME), "none"), line -> { });
        }
        return NAME;
    }

    /** The applets this busybox offers, by its own {@code --list}. */
    private static List<String> applets() throws IOException {
        Process list = new ProcessBuilder(BUSYBOX.toString(), "--list").redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = list.getInputStream()) {
            in.transferTo(out);
        }
        try {
            if (list.waitFor() != 0) {
                throw new DockerException(BUSYBOX + " --list failed: " + out.toString(StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DockerException(BUSYBOX + " --list: interrupted");
        }
        return out.toString(StandardCharsets.UTF_8).lines().map(String::strip)
                .filter(applet -> !applet.isEmpty() && !applet.equals("busybox")).toList();
    }

    /** bin/busybox, a link per applet, the usual folders (/tmp sticky), and root and nobody in passwd and group. */
    private static void writeRootfs(Path tarball, List<String> applets) throws IOException {
        try (OutputStream file = Files.newOutputStream(tarball); TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String dir : List.of("bin/", "etc/", "root/", "usr/", "usr/bin/", "sbin/", "dev/", "proc/", "sys/")) {
                tar.putArchiveEntry(new TarArchiveEntry(dir));
                tar.closeArchiveEntry();
            }
            TarArchiveEntry tmp = new TarArchiveEntry("tmp/");
            tmp.setMode(TarArchiveEntry.DEFAULT_DIR_MODE | 01777);
            tar.putArchiveEntry(tmp);
            tar.closeArchiveEntry();
            TarArchiveEntry busybox = new TarArchiveEntry(BUSYBOX.toFile(), "bin/busybox");
            busybox.setMode(0100755);
            tar.putArchiveEntry(busybox);
            Files.copy(BUSYBOX, tar);
            tar.closeArchiveEntry();
            for (String applet : applets) {
                TarArchiveEntry link = new TarArchiveEntry("bin/" + applet, TarArchiveEntry.LF_SYMLINK);
                link.setLinkName("busybox");
                tar.putArchiveEntry(link);
                tar.closeArchiveEntry();
            }
            file(tar, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
            file(tar, "etc/group", "root:x:0:\nnogroup:x:65534:\n");
        }
    }

    private static void file(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }
}
