package io.jenkins.plugins.registrysteps.engine.run;

import io.jenkins.plugins.registrysteps.engine.config.Located;
import io.jenkins.plugins.registrysteps.engine.crypt.CryptException;
import io.jenkins.plugins.registrysteps.engine.crypt.JetCipher;
import io.jenkins.plugins.registrysteps.engine.crypt.JetKey;
import io.jenkins.plugins.registrysteps.engine.crypt.KeySource;
import io.jenkins.plugins.registrysteps.engine.crypt.SecretMasker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code NAME=value} variables from {@code jet encrypt} files and inline values ({@code encrypted_env_file},
 * {@code encrypted_environment}, {@code encrypted_args_file}, {@code encrypted_args}), decrypted with the run's key;
 * every value is registered with the masker before anyone can print it. Later entries win.
 */
final class EncryptedVariables {

    private final Path projectFolder;
    private final KeySource key;
    private final SecretMasker masker;

    EncryptedVariables(Path projectFolder, RunOptions options) {
        this.projectFolder = projectFolder;
        this.key = options.key();
        this.masker = options.masker();
    }

    /** Files relative to the project folder, named by {@code field} when one is missing. */
    Map<String, String> files(List<Located<String>> files, String field) throws IOException {
        Map<String, String> variables = new LinkedHashMap<>();
        for (Located<String> file : files) {
            Path path = StepEnvironment.existing(projectFolder, file, field);
            variables.putAll(decrypt(Files.readAllBytes(path), file.value(), file));
        }
        return variables;
    }

    /** Inline values, each named in an error as {@code what}. */
    Map<String, String> inline(List<Located<String>> values, String what) throws IOException {
        Map<String, String> variables = new LinkedHashMap<>();
        for (Located<String> value : values) {
            variables.putAll(decrypt(value.value().getBytes(StandardCharsets.ISO_8859_1), what, value));
        }
        return variables;
    }

    private Map<String, String> decrypt(byte[] encrypted, String name, Located<String> where) throws CryptException {
        JetKey projectKey = key.key();
        Map<String, String> variables;
        try {
            variables = StepEnvironment.parse(JetCipher.decrypt(projectKey, encrypted, name).text());
        } catch (CryptException e) {
            throw new CryptException(where.position() + ": " + e.getMessage());
        }
        variables.values().forEach(masker::register);
        return variables;
    }
}
