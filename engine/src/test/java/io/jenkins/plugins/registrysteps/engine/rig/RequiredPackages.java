package io.jenkins.plugins.registrysteps.engine.rig;

import io.jenkins.plugins.registrysteps.engine.local.BusyboxImage;
import io.jenkins.plugins.registrysteps.engine.local.LocalDockerd;
import io.jenkins.plugins.registrysteps.engine.local.LocalRegistry;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The Debian packages the rig runs, checked (never installed) before anything starts. */
final class RequiredPackages {

    static final String INSTALL = "apt-get update && apt-get install -y docker.io docker-registry busybox-static";

    static final Path DOCKERD = LocalDockerd.DOCKERD;
    static final Path CONTAINERD = Path.of("/usr/bin/containerd");
    // the package's CLI by full path: PATH may hold another docker client (this machine has one in /usr/local/bin)
    static final Path DOCKER = Path.of("/usr/bin/docker");
    static final Path REGISTRY = LocalRegistry.REGISTRY;
    static final Path BUSYBOX = BusyboxImage.BUSYBOX;

    private RequiredPackages() {
    }

    /** Throws with the install command when something is missing; {@code ownDaemon} also asks for dockerd and containerd. */
    static void check(boolean ownDaemon) {
        List<String> problems = new ArrayList<>();
        if (ownDaemon) {
            requireExecutable(DOCKERD, "docker.io", problems);
            requireExecutable(CONTAINERD, "docker.io (containerd)", problems);
        }
        requireExecutable(DOCKER, "docker.io", problems);
        requireExecutable(REGISTRY, "docker-registry", problems);
        if (requireExecutable(BUSYBOX, "busybox-static", problems) && !isStaticallyLinked(BUSYBOX)) {
            problems.add(BUSYBOX + " is dynamically linked (package busybox, not busybox-static): it would not run"
                    + " inside the rig's empty base image");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The test rig needs Debian packages that are not installed:\n  - "
                    + String.join("\n  - ", problems)
                    + "\nInstall them as root with:\n  " + INSTALL
                    + "\n(or run .ci/install-servers)");
        }
    }

    private static boolean requireExecutable(Path binary, String pkg, List<String> problems) {
        if (Files.isRegularFile(binary) && Files.isExecutable(binary)) {
            return true;
        }
        problems.add(binary + " not found (package " + pkg + ")");
        return false;
    }

    /** An ELF file is statically linked when it has no PT_INTERP program header. */
    static boolean isStaticallyLinked(Path elf) {
        final int ptInterp = 3;
        try (RandomAccessFile f = new RandomAccessFile(elf.toFile(), "r")) {
            ByteBuffer header = ByteBuffer.allocate(64);
            f.getChannel().read(header, 0);
            header.flip();
            if (header.limit() < 64 || header.getInt(0) != 0x7f454c46 || header.get(4) != 2) {
                return false; // not a 64-bit ELF
            }
            header.order(header.get(5) == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            long phoff = header.getLong(0x20);
            int phentsize = Short.toUnsignedInt(header.getShort(0x36));
            int phnum = Short.toUnsignedInt(header.getShort(0x38));
            ByteBuffer ph = ByteBuffer.allocate(4).order(header.order());
            for (int i = 0; i < phnum; i++) {
                ph.clear();
                f.getChannel().read(ph, phoff + (long) i * phentsize);
                if (ph.getInt(0) == ptInterp) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
