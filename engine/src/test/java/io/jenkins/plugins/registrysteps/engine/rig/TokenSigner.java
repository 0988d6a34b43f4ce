package io.jenkins.plugins.registrysteps.engine.rig;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Signs registry bearer tokens: ES256 JWTs whose header carries the signing certificate ({@code x5c}),
 * which distribution verifies against its {@code rootcertbundle}.
 */
final class TokenSigner {

    /** One {@code access} entry of a token: what the bearer may do to one resource. */
    record Access(String type, String name, List<String> actions) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CertifiedKey key;
    private final String issuer;

    TokenSigner(CertifiedKey key, String issuer) {
        this.key = key;
        this.issuer = issuer;
    }

    String sign(String subject, String audience, Instant issuedAt, Instant expires, List<Access> access) {
        ObjectNode header = JSON.createObjectNode().put("typ", "JWT").put("alg", "ES256");
        try {
            header.putArray("x5c").add(Base64.getEncoder().encodeToString(key.certificate().getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        byte[] jti = new byte[16];
        RANDOM.nextBytes(jti);
        // distribution 2.8 reads aud as one string and the times as integers
        ObjectNode claims = JSON.createObjectNode()
                .put("iss", issuer)
                .put("sub", subject)
                .put("aud", audience)
                .put("exp", expires.getEpochSecond())
                .put("nbf", issuedAt.getEpochSecond())
                .put("iat", issuedAt.getEpochSecond())
                .put("jti", HexFormat.of().formatHex(jti));
        ArrayNode accessNode = claims.putArray("access");
        for (Access entry : access) {
            ObjectNode node = accessNode.addObject().put("type", entry.type()).put("name", entry.name());
            entry.actions().forEach(node.putArray("actions")::add);
        }
        String signed = encode(header) + "." + encode(claims);
        return signed + "." + BASE64URL.encodeToString(signature(signed));
    }

    /** ES256 wants r and s as two 32-byte big-endian numbers, not the DER sequence Java's plain ECDSA produces. */
    private byte[] signature(String signed) {
        try {
            Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
            es256.initSign(key.keys().getPrivate());
            es256.update(signed.getBytes(StandardCharsets.US_ASCII));
            return es256.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static String encode(ObjectNode json) {
        return BASE64URL.encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }
}
