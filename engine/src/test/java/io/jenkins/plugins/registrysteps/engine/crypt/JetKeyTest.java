package io.jenkins.plugins.registrysteps.engine.crypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JetKeyTest {

    private static final String EXAMPLE = "Hp9oDP8LQlN+J3ZhyocUFaYSRxqihK7TGGYrj17ppN0=";
    private static final byte[] V1 = PublishedVector.file("build_args.encrypted");

    @TempDir
    Path dir;

    private String decryptWith(Path keyFile) throws Exception {
        return new String(JetCipher.decrypt(JetKey.read(keyFile), V1, "build_args.encrypted").bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void keyFileReadsWithOrWithoutTrailingNewline() throws Exception {
        for (String text : new String[] {EXAMPLE, EXAMPLE + "\n", EXAMPLE + "\r\n", "  " + EXAMPLE + "\n\n"}) {
            Path file = dir.resolve("codeship.aes");
            Files.writeString(file, text);
            assertThat(decryptWith(file)).isEqualTo("FROMFILE=supersecret\n");
            Files.delete(file);
        }
    }

    @Test
    void missingKeyFileIsNoKey() {
        assertThatThrownBy(() -> JetKey.read(dir.resolve("codeship.aes"))).isInstanceOf(CryptException.class)
                .hasMessage("no key: put the project's AES key in codeship.aes or name the credential that holds it");
    }

    @Test
    void malformedKeyNamesTheFileAndNeverItsText() throws Exception {
        Path file = dir.resolve("codeship.aes");
        String tooShort = EXAMPLE.substring(0, 40);
        for (String text : new String[] {"", "not base64 at all!", tooShort, EXAMPLE + EXAMPLE}) {
            Files.writeString(file, text);
            assertThatThrownBy(() -> JetKey.read(file)).isInstanceOf(CryptException.class)
                    .hasMessage(file + " does not hold an AES key: a key is the base64 of 32 bytes (44 characters), "
                            + "as the project's settings give it; download it again")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(text.isEmpty() ? "\0" : text));
        }
    }

    @Test
    void toStringHidesTheKey() throws Exception {
        assertThat(JetKey.parse(EXAMPLE, "test").toString()).isEqualTo("JetKey[****]");
    }

    @Test
    void generatedKeyIsWrittenOwnerOnlyAndReadsBack() throws Exception {
        Path file = dir.resolve("codeship.aes");
        JetKey key = JetKey.generate();
        key.write(file);
        String text = Files.readString(file);
        assertThat(text).matches("[A-Za-z0-9+/]{43}=\n");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        byte[] encrypted = JetCipher.encrypt(key, "A=b".getBytes(StandardCharsets.UTF_8));
        assertThat(JetCipher.decrypt(JetKey.read(file), encrypted, "x").text()).isEqualTo("A=b");
    }

    @Test
    void generatedKeysDiffer() throws Exception {
        JetKey.generate().write(dir.resolve("a"));
        JetKey.generate().write(dir.resolve("b"));
        assertThat(Files.readString(dir.resolve("a"))).isNotEqualTo(Files.readString(dir.resolve("b")));
    }

    @Test
    void writeNeverOverwritesAKey() throws Exception {
        Path file = dir.resolve("codeship.aes");
        Files.writeString(file, EXAMPLE);
        assertThatThrownBy(() -> JetKey.generate().write(file)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo(EXAMPLE);
    }

    @Test
    void fileSourceReadsAtFirstNeed() throws Exception {
        Path file = dir.resolve("codeship.aes");
        KeySource source = KeySource.file(file);
        Files.writeString(file, EXAMPLE);
        assertThat(source.key()).isNotNull();
        assertThatThrownBy(KeySource.NONE::key).hasMessage(CryptException.NO_KEY);
    }
}
