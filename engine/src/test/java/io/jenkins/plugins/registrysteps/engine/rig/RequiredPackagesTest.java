package io.jenkins.plugins.registrysteps.engine.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequiredPackagesTest {

    @Test
    void busyboxFromBusyboxStaticCountsAsStaticallyLinked() {
        assumeTrue(Files.exists(RequiredPackages.BUSYBOX), "busybox-static not installed");

        assertThat(RequiredPackages.isStaticallyLinked(RequiredPackages.BUSYBOX)).isTrue();
    }

    @Test
    void runningJavaLauncherCountsAsDynamicallyLinked() {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());

        assertThat(RequiredPackages.isStaticallyLinked(java)).isFalse();
    }

    @Test
    void fileThatIsNotElfDoesNotCountAsStaticallyLinked(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("busybox"), "#!/bin/sh\necho fake\n");

        assertThat(RequiredPackages.isStaticallyLinked(script)).isFalse();
    }

    @Test
    void installHintNamesAllThreePackages() {
        assertThat(RequiredPackages.INSTALL)
                .isEqualTo("apt-get update && apt-get install -y docker.io docker-registry busybox-static");
    }
}
