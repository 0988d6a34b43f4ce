package io.jenkins.plugins.registrysteps.engine.crypt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    @Test
    void registeredSecretsAreMaskedWhereverTheyAppear() {
        SecretMasker masker = new SecretMasker();
        masker.register("hunter2");
        assertThat(masker.mask("password=hunter2; again hunter2")).isEqualTo("password=****; again ****");
        assertThat(masker.mask("nothing here")).isEqualTo("nothing here");
    }

    @Test
    void secretsShorterThanThreeAreLeftAlone() {
        SecretMasker masker = new SecretMasker();
        masker.register("ab");
        masker.register("");
        masker.register("abc");
        assertThat(masker.mask("ab abc")).isEqualTo("ab ****");
    }

    @Test
    void longerSecretIsMaskedWholeWhenItContainsAShorterOne() {
        SecretMasker masker = new SecretMasker();
        masker.register("token");
        masker.register("token-with-suffix");
        assertThat(masker.mask("x token-with-suffix y")).isEqualTo("x **** y");
    }

    @Test
    void multiLineSecretIsMaskedLineByLine() {
        SecretMasker masker = new SecretMasker();
        masker.register("-----BEGIN KEY-----\nMIIEsecretbody\n-----END KEY-----");
        assertThat(masker.mask("MIIEsecretbody")).isEqualTo("****");
    }
}
