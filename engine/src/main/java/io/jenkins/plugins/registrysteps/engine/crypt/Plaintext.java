package io.jenkins.plugins.registrysteps.engine.crypt;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What a file decrypted to. A v2 file's md5 proved the key; a v1 file has no check, and a wrong key yields random
 * bytes, so {@link #text()} takes a v1 result that is not UTF-8 text (or holds control characters) for a wrong key.
 */
public final class Plaintext {

    private final byte[] bytes;
    private final boolean verified;
    private final String name;

    Plaintext(byte[] bytes, boolean verified, String name) {
        this.bytes = bytes;
        this.verified = verified;
        this.name = name;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** Whether a checksum proved the key (v2); a v1 file decrypts with any key. */
    public boolean verified() {
        return verified;
    }

    /** The plain text, for files that must be text: env files, build args, dockercfg. */
    public String text() throws CryptException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw notText();
        }
        if (!verified && text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw notText();
        }
        return text;
    }

    private CryptException notText() {
        return verified ? new CryptException(name + " decrypts to binary data where text is expected: encrypt the text file itself")
                : CryptException.cannotDecrypt(name);
    }

    @Override
    public String toString() {
        return "Plaintext[" + name + ", " + bytes.length + " bytes]";
    }
}
