package io.jenkins.plugins.registrysteps.engine.auth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A docker config as Docker reads it: the legacy {@code .dockercfg} (server address to entry at the top) or
 * {@code config.json} ({@code auths}, {@code credsStore}, {@code credHelpers}). An entry holds {@code auth} (base64 of
 * {@code user:password}), or {@code username} and {@code password}, or an {@code identitytoken} or
 * {@code registrytoken}. Entries are keyed by {@link RegistryKey#host}, so every spelling of a registry finds its login.
 * Errors say where: "Failed to parse dockercfg: REASON at line L, column C of FILE"; they never quote a value.
 */
public record DockerConfigFile(Map<String, Credential> auths, String credsStore, Map<String, String> credHelpers) {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    public DockerConfigFile {
        auths = Map.copyOf(auths);
        credHelpers = Map.copyOf(credHelpers);
    }

    public static final DockerConfigFile EMPTY = new DockerConfigFile(Map.of(), null, Map.of());

    /** @param name how messages name the file */
    public static DockerConfigFile parse(byte[] bytes, String name) throws LoginException {
        try (JsonParser parser = JSON.createParser(bytes)) {
            return new Reader(parser, name).read();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new LoginException(failure(reason(e), at, name));
        } catch (LoginException e) {
            throw e;
        } catch (IOException e) {
            throw new LoginException("Failed to parse dockercfg: " + e.getMessage() + " in " + name, e);
        }
    }

    /** The login stored for a registry, in any of its spellings. */
    public Optional<Credential> login(String registry) {
        return Optional.ofNullable(auths.get(RegistryKey.host(registry)));
    }

    /** Jackson's first line, with any quoted word the file held left out: it may be part of a secret. */
    private static String reason(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        return first.replaceAll("Unrecognized token '[^']*'", "unrecognized word").replaceAll("\\s*\\(for \\w+ starting at .*$", "");
    }

    private static String failure(String reason, JsonLocation at, String name) {
        return "Failed to parse dockercfg: " + reason + " at line " + at.getLineNr() + ", column " + Math.max(1, at.getColumnNr())
                + " of " + name;
    }

    /** Walks the document once, keeping where each value starts for messages. */
    private static final class Reader {
        private final JsonParser parser;
        private final String name;
        private final Map<String, Credential> auths = new LinkedHashMap<>();
        private final Map<String, String> helpers = new LinkedHashMap<>();
        private String store;

        Reader(JsonParser parser, String name) {
            this.parser = parser;
            this.name = name;
        }

        DockerConfigFile read() throws IOException {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new LoginException(failure(parser.currentToken() == null ? "the file is empty"
                        : "the file must hold a JSON object", parser.currentTokenLocation(), name));
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "auths" -> readEntries("auths");
                    case "credsStore" -> store = text(field);
                    case "credHelpers" -> readHelpers();
                    default -> readLegacyEntry(field);
                }
            }
            JsonLocation end = parser.currentLocation();
            try {
                if (parser.nextToken() == null) {
                    return new DockerConfigFile(auths, store, helpers);
                }
                end = parser.currentTokenLocation();
            } catch (JsonProcessingException e) {
                end = e.getLocation();
            }
            throw new LoginException(failure("invalid character after top-level value", end, name));
        }

        private void readEntries(String field) throws IOException {
            expectObject(field);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String server = parser.currentName();
                parser.nextToken();
                expectObject("\"" + server + "\" in " + field);
                entry(server).ifPresent(login -> auths.put(RegistryKey.host(server), login));
            }
        }

        private void readHelpers() throws IOException {
            expectObject("credHelpers");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String server = parser.currentName();
                parser.nextToken();
                helpers.put(RegistryKey.host(server), text("\"" + server + "\" in credHelpers"));
            }
        }

        /** A legacy .dockercfg keeps entries at the top; config.json's other settings are objects without logins. */
        private void readLegacyEntry(String field) throws IOException {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return;
            }
            entry(field).ifPresent(login -> auths.putIfAbsent(RegistryKey.host(field), login));
        }

        /** One entry's fields; a login only when it holds one (a credential store leaves entries empty). */
        private Optional<Credential> entry(String server) throws IOException {
            Map<String, String> fields = new LinkedHashMap<>();
            JsonLocation authAt = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("auth")) {
                    authAt = parser.currentTokenLocation();
                }
                if (parser.currentToken().isStructStart()) {
                    parser.skipChildren();
                } else {
                    fields.put(field, parser.currentToken() == JsonToken.VALUE_NULL ? "" : parser.getText());
                }
            }
            String username = fields.getOrDefault("username", "");
            String password = fields.getOrDefault("password", "");
            String auth = fields.getOrDefault("auth", "");
            if (!auth.isEmpty()) {
                String decoded = decode(auth, server, authAt);
                int colon = decoded.indexOf(':');
                username = decoded.substring(0, colon);
                password = decoded.substring(colon + 1);
            }
            if (!fields.getOrDefault("registrytoken", "").isEmpty()) {
                return Optional.of(new Credential(username, fields.get("registrytoken"), Credential.Kind.REGISTRY_TOKEN));
            }
            if (!fields.getOrDefault("identitytoken", "").isEmpty()) {
                return Optional.of(new Credential(username, fields.get("identitytoken"), Credential.Kind.IDENTITY_TOKEN));
            }
            return username.isEmpty() && password.isEmpty() ? Optional.empty() : Optional.of(new Credential(username, password));
        }

        private String decode(String auth, String server, JsonLocation at) throws LoginException {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = "";
            }
            if (decoded.indexOf(':') < 0) {
                throw new LoginException(failure("the \"auth\" of \"" + server + "\" is not base64 of user:password", at, name));
            }
            return decoded;
        }

        private void expectObject(String what) throws IOException {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw new LoginException(failure(what + " must be a JSON object", parser.currentTokenLocation(), name));
            }
        }

        private String text(String what) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw new LoginException(failure(what + " must be a string", parser.currentTokenLocation(), name));
            }
            return parser.getText();
        }
    }
}
