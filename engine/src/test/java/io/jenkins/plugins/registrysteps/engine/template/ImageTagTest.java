package io.jenkins.plugins.registrysteps.engine.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageTagTest {

    @Test
    void validTagsAreKept() {
        assertThat(ImageTag.sanitize("v1.2.3-rc_1")).isEqualTo("v1.2.3-rc_1");
    }

    @Test
    void invalidCharactersAreRemoved() {
        assertThat(ImageTag.sanitize("feature/foo bar:1+é")).isEqualTo("featurefoobar1");
    }

    @Test
    void leadingDotsAndDashesAreStripped() {
        assertThat(ImageTag.sanitize("-./.-v1.0-")).isEqualTo("v1.0-");
        assertThat(ImageTag.sanitize("_x")).isEqualTo("_x");
    }

    @Test
    void onlyInvalidCharactersLeaveNothing() {
        assertThat(ImageTag.sanitize("/.-")).isEmpty();
    }

    @Test
    void tagsAreCutTo128Characters() {
        assertThat(ImageTag.sanitize("-" + "a".repeat(200))).hasSize(ImageTag.MAX_LENGTH).isEqualTo("a".repeat(128));
    }
}
