package io.jenkins.plugins.registrysteps.engine.crypt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.nio.charset.StandardCharsets;

/**
 * An {@code encrypted_dockercfg_path} file: decrypted, and checked to be one JSON object ({@code .dockercfg} or
 * {@code config.json}) before a login reads it. A parse error says where, as the seeds' "Failed to parse dockercfg",
 * but never quotes the text: it holds passwords.
 */
public final class EncryptedDockercfg {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private EncryptedDockercfg() {
    }

    /**
     * @param name the encrypted file as the user named it
     * @return the decrypted JSON, for the login to read
     */
    public static byte[] decrypt(JetKey key, byte[] encrypted, String name) throws CryptException {
        String text = JetCipher.decrypt(key, encrypted, name).text();
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw failed(problem(e), e.getLocation() == null ? 1 : e.getLocation().getLineNr(), name);
        }
        if (root == null || root.isMissingNode()) {
            throw failed("the file is empty", 1, name);
        }
        if (!root.isObject()) {
            throw failed("a dockercfg is a JSON object, not a " + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT), 1, name);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String problem(JsonProcessingException e) {
        if (e instanceof JsonEOFException) {
            return "unexpected end of JSON input";
        }
        if (e instanceof MismatchedInputException) {
            return "invalid character after top-level value";
        }
        return "invalid JSON";
    }

    private static CryptException failed(String problem, int line, String name) {
        return new CryptException("Failed to parse dockercfg: " + problem + " at line " + line + " of " + name
                + ": fix the dockercfg, or re-download the key and re-encrypt");
    }
}
