package io.jenkins.plugins.registrysteps.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {

    @Test
    void onePartNamesAreOfficialHubImages() throws InvalidReferenceException {
        ImageReference ref = ImageReference.parse("busybox");
        assertThat(ref.repository()).isEqualTo("docker.io/library/busybox");
        assertThat(ref.tag()).isNull();
    }

    @Test
    void ownerSlashNameIsOnTheHub() throws InvalidReferenceException {
        assertThat(ImageReference.parse("username/repository_name").repository()).isEqualTo("docker.io/username/repository_name");
    }

    @Test
    void indexDockerIoIsDockerIo() throws InvalidReferenceException {
        assertThat(ImageReference.parse("index.docker.io/u/r:1").toString()).isEqualTo("docker.io/u/r:1");
    }

    @Test
    void hostWithPortAndTag() throws InvalidReferenceException {
        ImageReference ref = ImageReference.parse("localhost:5000/myapp:v1.2");
        assertThat(ref.registry()).isEqualTo("localhost:5000");
        assertThat(ref.path()).isEqualTo("myapp");
        assertThat(ref.tag()).isEqualTo("v1.2");
    }

    @Test
    void localhostWithoutPortIsAHost() throws InvalidReferenceException {
        assertThat(ImageReference.parse("localhost/app").registry()).isEqualTo("localhost");
    }

    @Test
    void ecrHostsKeepTheirPath() throws InvalidReferenceException {
        ImageReference ref = ImageReference.parse("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app:latest");
        assertThat(ref.registry()).isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com");
        assertThat(ref.path()).isEqualTo("team/app");
    }

    @Test
    void digestIsKept() throws InvalidReferenceException {
        String digest = "sha256:" + "a".repeat(64);
        assertThat(ImageReference.parse("quay.io/o/a@" + digest).digest()).isEqualTo(digest);
    }

    @Test
    void upperCaseRepositoryIsRejected() {
        assertThatThrownBy(() -> ImageReference.parse("FakeDns")).hasMessageContaining("must be lowercase");
    }

    @Test
    void tagStartingWithDotIsRejected() {
        assertThatThrownBy(() -> ImageReference.parse("app:.x")).hasMessageContaining("invalid tag \".x\"");
    }

    @Test
    void doubleSeparatorsAreRejected() {
        assertThatThrownBy(() -> ImageReference.parse("org/a..b")).hasMessageContaining("invalid repository path component");
    }
}
