package io.jenkins.plugins.registrysteps.engine.crypt;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;

/**
 * {@code jet encrypt} / {@code jet decrypt}, byte for byte. Two formats exist:
 * <ul>
 * <li>v1 (before jet 2.6.0): {@code base64(IV ‖ AES-256-CFB128(plaintext))}, no header;</li>
 * <li>v2: the line {@code codeship:v2}, then {@code base64(IV ‖ AES-256-CFB128(hex(md5(plaintext)) ‖ plaintext))}.</li>
 * </ul>
 * The IV is 16 random bytes. Writes v2, reads both; whitespace and line breaks inside the base64 are ignored, so a
 * wrapped or CRLF file reads too. v2's md5 tells a wrong key or a corrupt file; v1 cannot, see {@link Plaintext}.
 */
public final class JetCipher {

    /** The first line of a v2 file. */
    public static final String V2_HEADER = "codeship:v2";

    private static final int IV_LENGTH = 16;
    private static final int MD5_HEX_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private JetCipher() {
    }

    /** The v2 file for {@code plaintext}: the header line, then one line of base64 without a trailing newline. */
    public static byte[] encrypt(JetKey key, byte[] plaintext) {
        byte[] iv = new byte[IV_LENGTH];
        RANDOM.nextBytes(iv);
        byte[] signed = concat(md5Hex(plaintext), plaintext);
        byte[] file = concat(iv, cfb(Cipher.ENCRYPT_MODE, key, iv, signed, 0));
        return (V2_HEADER + "\n" + Base64.getEncoder().encodeToString(file)).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Decrypts a v1 or v2 file.
     *
     * @param name the file as the user knows it, named in the error
     */
    public static Plaintext decrypt(JetKey key, byte[] encrypted, String name) throws CryptException {
        String text = new String(encrypted, StandardCharsets.ISO_8859_1).strip();
        boolean v2 = text.startsWith(V2_HEADER);
        byte[] file;
        try {
            file = Base64.getDecoder().decode(text.substring(v2 ? V2_HEADER.length() : 0).replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            throw CryptException.cannotDecrypt(name);
        }
        if (file.length < IV_LENGTH + (v2 ? MD5_HEX_LENGTH : 0)) {
            throw CryptException.cannotDecrypt(name);
        }
        byte[] data = cfb(Cipher.DECRYPT_MODE, key, Arrays.copyOf(file, IV_LENGTH), file, IV_LENGTH);
        if (!v2) {
            return new Plaintext(data, false, name);
        }
        byte[] plaintext = Arrays.copyOfRange(data, MD5_HEX_LENGTH, data.length);
        if (!MessageDigest.isEqual(md5Hex(plaintext), Arrays.copyOf(data, MD5_HEX_LENGTH))) {
            throw CryptException.cannotDecrypt(name);
        }
        return new Plaintext(plaintext, true, name);
    }

    private static byte[] cfb(int mode, JetKey key, byte[] iv, byte[] input, int offset) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CFB/NoPadding");
            cipher.init(mode, key.spec(), new IvParameterSpec(iv));
            return cipher.doFinal(input, offset, input.length - offset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CFB/NoPadding is part of every Java runtime", e);
        }
    }

    private static byte[] md5Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)).getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
