package io.jenkins.plugins.registrysteps.engine.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageTagTest {

    @Test
    void invalidCharactersAreStripped() {
        assertThat(ImageTag.sanitize("feature/Login #42!")).isEqualTo("featureLogin42");
    }

    @Test
    void leadingDotsAndDashesAreStripped() {
        assertThat(ImageTag.sanitize("-..-v1.0-rc")).isEqualTo("v1.0-rc");
    }

    @Test
    void cutTo128Characters() {
        assertThat(ImageTag.sanitize("a".repeat(300))).hasSize(128);
    }

    @Test
    void nothingValidLeavesNothing() {
        assertThat(ImageTag.sanitize("/// ")).isEmpty();
    }

    @Test
    void nonAsciiLettersAreNotTagCharacters() {
        assertThat(ImageTag.sanitize("café")).isEqualTo("caf");
    }
}
