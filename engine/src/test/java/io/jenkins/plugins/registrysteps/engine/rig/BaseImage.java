package io.jenkins.plugins.registrysteps.engine.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The rig's tiny base image: a rootfs holding only the static busybox and its applet links, made by docker import. */
final class BaseImage {

    static final String NAME = "registry-steps/busybox:rig";

    private BaseImage() {
    }

    /** Imports the image unless the daemon already has it. */
    static String ensure(Rig rig, Path workDir) {
        if (rig.dockerResult("image", "inspect", "--format", "{{.Id}}", NAME).ok()) {
            return NAME;
        }
        Path tarball = rootfsTarball(workDir);
        rig.docker("import",
                "--change", "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "--change", "CMD [\"/bin/sh\"]",
                "--message", "registry-steps test rig base image (busybox-static)",
                tarball.toString(), NAME);
        return NAME;
    }

    private static Path rootfsTarball(Path workDir) {
        Path rootfs = workDir.resolve("rootfs");
        Path tarball = workDir.resolve("rootfs.tar");
        try {
            Path bin = Files.createDirectories(rootfs.resolve("bin"));
            Files.copy(RequiredPackages.BUSYBOX, bin.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
            String applets = Command.run(List.of(RequiredPackages.BUSYBOX.toString(), "--list"), Map.of(),
                    Duration.ofSeconds(30)).stdoutOrThrow();
            for (String applet : applets.lines().map(String::strip).filter(a -> !a.isEmpty() && !a.equals("busybox"))
                    .toList()) {
                Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
            }
            for (String dir : List.of("etc", "root", "usr/bin", "sbin", "dev", "proc", "sys")) {
                Files.createDirectories(rootfs.resolve(dir));
            }
            Files.createDirectories(rootfs.resolve("tmp"));
            Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
            Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out the base image's rootfs in " + rootfs, e);
        }
        // /tmp sticky as on any system; busybox's own chmod and tar, so the rig needs no other tools
        Command.run(List.of(RequiredPackages.BUSYBOX.toString(), "chmod", "1777", rootfs.resolve("tmp").toString()),
                Map.of(), Duration.ofSeconds(30)).stdoutOrThrow();
        Command.run(List.of(RequiredPackages.BUSYBOX.toString(), "tar", "-c", "-f", tarball.toString(),
                "-C", rootfs.toString(), "."), Map.of(), Duration.ofMinutes(1)).stdoutOrThrow();
        return tarball;
    }
}
