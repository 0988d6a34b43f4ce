package io.jenkins.plugins.registrysteps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.registrysteps.engine.crypt.PublishedVector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CryptCommandsTest {

    private static final String CANNOT = "could not decrypt %s with this key: re-download the key and re-encrypt";

    @TempDir
    Path dir;

    private String path(String name) {
        return dir.resolve(name).toString();
    }

    private Path fixture(String name) throws Exception {
        return PublishedVector.writeTo(dir, name);
    }

    @Test
    void generateKeyEncryptAndDecryptRoundTrip() throws Exception {
        Cli generated = Cli.run("generate-key", "--key", path("codeship.aes"));
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        assertThat(generated.err()).isEqualTo("wrote a new key to " + path("codeship.aes") + ": add it to .gitignore, never commit it\n");
        assertThat(Files.readString(dir.resolve("codeship.aes"))).matches("[A-Za-z0-9+/]{43}=\n");
        Files.writeString(dir.resolve("env"), "NAME=codeship\nURL=www.codeship.com\n");

        Cli encrypted = Cli.run("encrypt", "--key", path("codeship.aes"), path("env"), path("env.encrypted"));
        assertThat(encrypted.exitCode()).as(encrypted.err()).isZero();
        assertThat(encrypted.err()).isEqualTo("encrypted " + path("env") + " to " + path("env.encrypted") + " (v2)\n");
        assertThat(Files.readString(dir.resolve("env.encrypted"))).startsWith("codeship:v2\n").doesNotContain("codeship.com");

        Cli decrypted = Cli.run("decrypt", "--key-path", path("codeship.aes"), path("env.encrypted"), path("env.out"));
        assertThat(decrypted.exitCode()).as(decrypted.err()).isZero();
        assertThat(Files.readString(dir.resolve("env.out"))).isEqualTo("NAME=codeship\nURL=www.codeship.com\n");
        assertThat(Files.getPosixFilePermissions(dir.resolve("env.out"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void decryptsJetsV1VectorToStandardOutputWithANote() throws Exception {
        Path key = fixture("codeship.aes");
        Path encrypted = fixture("build_args.encrypted");
        Cli cli = Cli.run("decrypt", "--key", key.toString(), encrypted.toString(), "-");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).isEqualTo("FROMFILE=supersecret\n");
        assertThat(cli.err()).isEqualTo("note: " + encrypted + " is in the v1 format, which has no checksum: a wrong key gives "
                + "garbage instead of an error; encrypt it again to get the checked v2 format\n");
    }

    @Test
    void jsonNamesFilesAndFormatButNoData() throws Exception {
        Path key = fixture("codeship.aes");
        Files.writeString(dir.resolve("args"), "TOKEN=hunter22\n");
        Cli cli = Cli.run("encrypt", "--key", key.toString(), path("args"), path("args.encrypted"), "--json");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("\"input\" : \"" + path("args") + "\"").contains("\"output\" : \"" + path("args.encrypted") + "\"")
                .contains("\"format\" : \"v2\"").doesNotContain("hunter22");
    }

    @Test
    void missingKeyIsBadInputWithTheFix() throws Exception {
        Files.writeString(dir.resolve("env"), "A=b\n");
        Cli cli = Cli.run("encrypt", "--key", path("codeship.aes"), path("env"), path("env.encrypted"));
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("error: no key: put the project's AES key in codeship.aes or name the credential that holds it\n");
        assertThat(dir.resolve("env.encrypted")).doesNotExist();
    }

    @Test
    void wrongKeyIsBadInputWithTheFix() throws Exception {
        Cli.run("generate-key", "--key", path("one.aes"));
        Cli.run("generate-key", "--key", path("other.aes"));
        Files.writeString(dir.resolve("env"), "A=b\n");
        Cli.run("encrypt", "--key", path("one.aes"), path("env"), path("env.encrypted"));
        Cli cli = Cli.run("decrypt", "--key", path("other.aes"), path("env.encrypted"), path("env.out"));
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("error: " + CANNOT.formatted(path("env.encrypted")) + "\n");
        assertThat(dir.resolve("env.out")).doesNotExist();
    }

    @Test
    void generateKeyNeverOverwrites() throws Exception {
        Files.writeString(dir.resolve("codeship.aes"), "keep me");
        Cli cli = Cli.run("generate-key", "--key", path("codeship.aes"));
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("error: " + path("codeship.aes") + " already exists: keep it, or delete it first "
                + "(files encrypted with it then need encrypting again)\n");
        assertThat(Files.readString(dir.resolve("codeship.aes"))).isEqualTo("keep me");
    }

    @Test
    void missingInputIsBadInput() throws Exception {
        Path key = fixture("codeship.aes");
        Cli cli = Cli.run("encrypt", "--key", key.toString(), path("nope"), path("out"));
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("error: " + path("nope") + " does not exist or is not a file\n");
    }

    @Test
    void jsonWithStandardOutputIsAUsageError() throws Exception {
        Path key = fixture("codeship.aes");
        Cli cli = Cli.run("decrypt", "--key", key.toString(), fixture("build_args.encrypted").toString(), "-", "--json");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("error: --json needs an OUT file: standard output holds the data\n");
        assertThat(cli.out()).isEmpty();
    }
}
