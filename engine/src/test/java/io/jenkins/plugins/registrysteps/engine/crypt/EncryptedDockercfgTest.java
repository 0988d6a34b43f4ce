package io.jenkins.plugins.registrysteps.engine.crypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EncryptedDockercfgTest {

    private static final String FIX = ": fix the dockercfg, or re-download the key and re-encrypt";

    private static byte[] encrypt(JetKey key, String text) {
        return JetCipher.encrypt(key, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decryptsAJsonObject() throws Exception {
        JetKey key = JetKey.generate();
        String config = "{\"auths\": {\"127.0.0.1:5000\": {\"auth\": \"dXNlcjpodW50ZXIy\"}}}\n";
        assertThat(new String(EncryptedDockercfg.decrypt(key, encrypt(key, config), "dockercfg.encrypted"), StandardCharsets.UTF_8))
                .isEqualTo(config);
    }

    @Test
    void invalidJsonSaysWhereButNotWhat() throws Exception {
        JetKey key = JetKey.generate();
        String broken = "{\n  \"auths\": {\n    \"quay.io\": {\"auth\": hunter2}\n  }\n}";
        assertThatThrownBy(() -> EncryptedDockercfg.decrypt(key, encrypt(key, broken), "dockercfg.encrypted"))
                .isInstanceOf(CryptException.class)
                .hasMessage("Failed to parse dockercfg: invalid JSON at line 3 of dockercfg.encrypted" + FIX);
    }

    @Test
    void textAfterTheObjectIsAnError() throws Exception {
        JetKey key = JetKey.generate();
        assertThatThrownBy(() -> EncryptedDockercfg.decrypt(key, encrypt(key, "{}\n{}"), "dockercfg.encrypted"))
                .hasMessage("Failed to parse dockercfg: invalid character after top-level value at line 2 of dockercfg.encrypted" + FIX);
    }

    @Test
    void truncatedEmptyOrNonObjectFilesAreErrors() throws Exception {
        JetKey key = JetKey.generate();
        assertThatThrownBy(() -> EncryptedDockercfg.decrypt(key, encrypt(key, "{\"auths\": {\n"), "d.enc"))
                .hasMessage("Failed to parse dockercfg: unexpected end of JSON input at line 2 of d.enc" + FIX);
        assertThatThrownBy(() -> EncryptedDockercfg.decrypt(key, encrypt(key, " \n"), "d.enc"))
                .hasMessage("Failed to parse dockercfg: the file is empty at line 1 of d.enc" + FIX);
        assertThatThrownBy(() -> EncryptedDockercfg.decrypt(key, encrypt(key, "[1]"), "d.enc"))
                .hasMessage("Failed to parse dockercfg: a dockercfg is a JSON object, not a array at line 1 of d.enc" + FIX);
    }

    @Test
    void v1WithAWrongKeyIsAWrongKeyNotAParseError() throws Exception {
        JetKey other = JetKey.parse("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "other");
        assertThatThrownBy(() -> EncryptedDockercfg.decrypt(other, PublishedVector.file("build_args.encrypted"), "dockercfg.encrypted"))
                .hasMessage("could not decrypt dockercfg.encrypted with this key: re-download the key and re-encrypt");
    }
}
