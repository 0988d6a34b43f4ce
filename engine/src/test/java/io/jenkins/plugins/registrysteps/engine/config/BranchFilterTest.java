package io.jenkins.plugins.registrysteps.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BranchFilterTest {

    @Test
    void plainValueMustEqualTheWholeBuildTag() {
        BranchFilter master = BranchFilter.of("master");
        assertThat(master.matches("master")).isTrue();
        assertThat(master.matches("master-rebase")).isFalse();
        assertThat(master.matches("old-master")).isFalse();
    }

    @Test
    void dotsInAPlainValueAreNotWildcards() {
        assertThat(BranchFilter.of("v0.0.0").matches("v0x0y0")).isFalse();
        assertThat(BranchFilter.of("v0.0.0").matches("v0.0.0")).isTrue();
    }

    @Test
    void caretMakesARegexMatchedUnanchoredAtTheEnd() {
        BranchFilter filter = BranchFilter.of("^(master|staging)");
        assertThat(filter.matches("master-rebase")).isTrue();
        assertThat(filter.matches("staging")).isTrue();
        assertThat(filter.matches("my-master")).isFalse();
    }

    @Test
    void dollarAloneAlsoMakesARegex() {
        assertThat(BranchFilter.of("-release$").matches("v2-release")).isTrue();
    }

    @Test
    void perlClassesWorkAsInGo() {
        BranchFilter semver = BranchFilter.of("^\\d+\\.\\d+\\.\\d+(-(alpha|beta|rc)\\d*)?$");
        assertThat(semver.matches("1.2.3")).isTrue();
        assertThat(semver.matches("1.2.3-rc1")).isTrue();
        assertThat(semver.matches("1.2")).isFalse();
    }

    @Test
    void pseudoLookaheadIsReadLiterallyAsGoDoes() {
        BranchFilter filter = BranchFilter.of("^((!^v\\d*\\.\\d*\\.\\d*$).)*$");
        assertThat(filter.matches("")).isTrue();
        assertThat(filter.matches("master")).isFalse();
    }

    @Test
    void realLookaheadIsRejected() {
        assertThatThrownBy(() -> BranchFilter.of("^(?!master)")).hasMessageContaining("lookahead");
    }

    @Test
    @Timeout(2)
    void catastrophicPatternsMatchInLinearTime() {
        BranchFilter filter = BranchFilter.of("^(a+)+$");
        assertThat(filter.matches("a".repeat(50_000) + "!")).isFalse();
    }
}
