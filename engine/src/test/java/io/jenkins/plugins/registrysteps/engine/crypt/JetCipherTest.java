package io.jenkins.plugins.registrysteps.engine.crypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class JetCipherTest {

    private static final String KEY_TEXT = "Hp9oDP8LQlN+J3ZhyocUFaYSRxqihK7TGGYrj17ppN0=";
    private static final byte[] KEY_BYTES = Base64.getDecoder().decode(KEY_TEXT);
    private static final String OTHER_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    /** The example's inline encrypted_args: made with an older key of that project, so a real wrong-key v1 vector. */
    private static final String V1_OF_ANOTHER_KEY = "LXpZ6o5BvOBe9v9jBoHxmzvifYXPrEWY7fiHj9jDrd00VWeR1ZrWIXM4dILSA3dAIw==";
    private static final String CANNOT = "could not decrypt %s with this key: re-download the key and re-encrypt";

    private static JetKey key(String text) throws CryptException {
        return JetKey.parse(text, "test key");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] cfb(int mode, byte[] iv, byte[] data) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/CFB/NoPadding");
        cipher.init(mode, new SecretKeySpec(KEY_BYTES, "AES"), new IvParameterSpec(iv));
        return cipher.doFinal(data);
    }

    @Test
    void v1VectorOfCodeshipToolExamplesDecrypts() throws Exception {
        Plaintext plain = JetCipher.decrypt(PublishedVector.key(), PublishedVector.file("build_args.encrypted"), "build_args.encrypted");
        assertThat(plain.bytes()).isEqualTo(PublishedVector.file("build_args"));
        assertThat(plain.text()).isEqualTo("FROMFILE=supersecret\n");
        assertThat(plain.verified()).isFalse();
    }

    @Test
    void v1WithAWrongKeyIsCaughtWhereTextIsExpected() throws Exception {
        Plaintext garbage = JetCipher.decrypt(key(OTHER_KEY), PublishedVector.file("build_args.encrypted"), "build_args.encrypted");
        assertThat(garbage.bytes()).hasSize(21).isNotEqualTo(PublishedVector.file("build_args"));
        assertThatThrownBy(garbage::text).isInstanceOf(CryptException.class).hasMessage(CANNOT.formatted("build_args.encrypted"));
        Plaintext other = JetCipher.decrypt(key(KEY_TEXT), utf8(V1_OF_ANOTHER_KEY), "encrypted_args of service app");
        assertThatThrownBy(other::text).hasMessage(CANNOT.formatted("encrypted_args of service app"));
    }

    @Test
    void v2LayoutIsHeaderLineThenBase64OfIvAndCfbOfMd5HexAndData() throws Exception {
        byte[] plaintext = utf8("NAME=codeship\nURL=www.codeship.com\n");
        String file = new String(JetCipher.encrypt(key(KEY_TEXT), plaintext), StandardCharsets.US_ASCII);
        String[] lines = file.split("\n", -1);
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).isEqualTo("codeship:v2");
        assertThat(lines[1]).matches("[A-Za-z0-9+/]+=*");
        byte[] raw = Base64.getDecoder().decode(lines[1]);
        assertThat(raw).hasSize(16 + 32 + plaintext.length);
        byte[] inner = cfb(Cipher.DECRYPT_MODE, Arrays.copyOf(raw, 16), Arrays.copyOfRange(raw, 16, raw.length));
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(plaintext));
        assertThat(new String(inner, 0, 32, StandardCharsets.US_ASCII)).isEqualTo(md5);
        assertThat(Arrays.copyOfRange(inner, 32, inner.length)).isEqualTo(plaintext);
    }

    @Test
    void v2MadeWithTheJdkAloneDecrypts() throws Exception {
        byte[] plaintext = utf8("{\"auths\":{}}");
        byte[] iv = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
        byte[] md5 = utf8(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(plaintext)));
        byte[] signed = new byte[md5.length + plaintext.length];
        System.arraycopy(md5, 0, signed, 0, md5.length);
        System.arraycopy(plaintext, 0, signed, md5.length, plaintext.length);
        byte[] encrypted = cfb(Cipher.ENCRYPT_MODE, iv, signed);
        byte[] raw = new byte[16 + encrypted.length];
        System.arraycopy(iv, 0, raw, 0, 16);
        System.arraycopy(encrypted, 0, raw, 16, encrypted.length);
        byte[] file = utf8("codeship:v2\n" + Base64.getEncoder().encodeToString(raw));
        Plaintext plain = JetCipher.decrypt(key(KEY_TEXT), file, "dockercfg.encrypted");
        assertThat(plain.bytes()).isEqualTo(plaintext);
        assertThat(plain.verified()).isTrue();
    }

    @Test
    void roundTripsAnyBytesWithAFreshIvEachTime() throws Exception {
        JetKey key = JetKey.generate();
        for (byte[] plaintext : new byte[][] {new byte[0], utf8("A=b"), new byte[] {0, (byte) 0xff, 10, 13}, new byte[100_000]}) {
            byte[] once = JetCipher.encrypt(key, plaintext);
            byte[] twice = JetCipher.encrypt(key, plaintext);
            assertThat(once).isNotEqualTo(twice);
            assertThat(JetCipher.decrypt(key, once, "f").bytes()).isEqualTo(plaintext);
            assertThat(JetCipher.decrypt(key, twice, "f").bytes()).isEqualTo(plaintext);
        }
    }

    @Test
    void wrappedOrCrlfBase64Reads() throws Exception {
        JetKey key = key(KEY_TEXT);
        byte[] plaintext = utf8("TOKEN=" + "x".repeat(200) + "\n");
        String file = new String(JetCipher.encrypt(key, plaintext), StandardCharsets.US_ASCII);
        String body = file.substring("codeship:v2\n".length());
        String wrapped = "codeship:v2\r\n" + Base64.getMimeEncoder().encodeToString(Base64.getDecoder().decode(body)) + "\r\n";
        assertThat(JetCipher.decrypt(key, utf8(wrapped), "f").bytes()).isEqualTo(plaintext);
        String v1 = new String(PublishedVector.file("build_args.encrypted"), StandardCharsets.US_ASCII);
        String v1Wrapped = v1.substring(0, 20) + "\n" + v1.substring(20) + "\n";
        assertThat(JetCipher.decrypt(key, utf8(v1Wrapped), "f").text()).isEqualTo("FROMFILE=supersecret\n");
    }

    @Test
    void v2WithAWrongKeyFailsOnTheChecksum() throws Exception {
        byte[] file = JetCipher.encrypt(key(KEY_TEXT), utf8("SECRET=value"));
        assertThatThrownBy(() -> JetCipher.decrypt(key(OTHER_KEY), file, "env.encrypted")).isInstanceOf(CryptException.class)
                .hasMessage(CANNOT.formatted("env.encrypted"));
    }

    @Test
    void corruptFilesFailWithTheSameFix() throws Exception {
        JetKey key = key(KEY_TEXT);
        String file = new String(JetCipher.encrypt(key, utf8("SECRET=value")), StandardCharsets.US_ASCII);
        char[] tampered = file.toCharArray();
        int at = file.length() - 6;
        tampered[at] = tampered[at] == 'A' ? 'B' : 'A';
        for (String corrupt : new String[] {new String(tampered), "codeship:v2\n" + "not base64!", "codeship:v2\nAAAA", "AAAA", ""}) {
            assertThatThrownBy(() -> JetCipher.decrypt(key, utf8(corrupt), "env.encrypted"))
                    .hasMessage(CANNOT.formatted("env.encrypted"));
        }
    }

    @Test
    void verifiedBinaryIsNotTakenForAWrongKey() throws Exception {
        JetKey key = key(KEY_TEXT);
        Plaintext binary = JetCipher.decrypt(key, JetCipher.encrypt(key, new byte[] {(byte) 0xff, 0}), "blob.encrypted");
        assertThatThrownBy(binary::text)
                .hasMessage("blob.encrypted decrypts to binary data where text is expected: encrypt the text file itself");
    }

    @Test
    void plaintextToStringHoldsNoData() throws Exception {
        JetKey key = key(KEY_TEXT);
        assertThat(JetCipher.decrypt(key, JetCipher.encrypt(key, utf8("SECRET=value")), "env.encrypted").toString())
                .isEqualTo("Plaintext[env.encrypted, 12 bytes]");
    }
}
