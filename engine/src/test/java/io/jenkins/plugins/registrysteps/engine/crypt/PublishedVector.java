package io.jenkins.plugins.registrysteps.engine.crypt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The public v1 test vector of codeship/codeship-tool-examples, {@code 20.build-args/} (see SOURCE.md beside its
 * files): the example's published key and the file {@code jet encrypt} made with it. The key is no secret, but no key
 * file is kept in the repository: tests write it where they need one.
 */
public final class PublishedVector {

    /** The example's {@code codeship.aes}, as published. */
    public static final String KEY = "Hp9oDP8LQlN+J3ZhyocUFaYSRxqihK7TGGYrj17ppN0=";
    private static final String FOLDER = "/crypt/codeship-tool-examples-20.build-args/";

    private PublishedVector() {
    }

    /** {@code codeship.aes}, {@code build_args.encrypted} or {@code build_args}. */
    public static byte[] file(String name) {
        if (name.equals("codeship.aes")) {
            return KEY.getBytes(StandardCharsets.US_ASCII);
        }
        try (InputStream in = PublishedVector.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no file " + name + " in the published vector");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The published key, parsed. */
    public static JetKey key() throws CryptException {
        return JetKey.parse(KEY, "codeship.aes");
    }

    /** Writes one of the vector's files into {@code folder} under its own name. */
    public static Path writeTo(Path folder, String name) throws IOException {
        return Files.write(folder.resolve(name), file(name));
    }
}
