package io.jenkins.plugins.registrysteps.engine.registry;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

/**
 * A registry's answer: status, headers and a body to stream. Reading the body to its end hands the connection back
 * for the next request; closing it before the end drops the connection, so a half-read answer never poisons the pool.
 */
final class HttpReply implements Closeable {

    private final URI uri;
    private final CloseableHttpResponse response;
    private final Runnable onClose;

    /** @param onClose runs once the answer is closed, read to its end or not */
    HttpReply(URI uri, CloseableHttpResponse response, Runnable onClose) {
        this.uri = uri;
        this.response = response;
        this.onClose = onClose;
    }

    int status() {
        return response.getCode();
    }

    /** The address that answered, against which a relative {@code Location} resolves. */
    URI uri() {
        return uri;
    }

    Optional<String> header(String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? Optional.empty() : Optional.of(header.getValue());
    }

    List<String> headers(String name) {
        return Arrays.stream(response.getHeaders(name)).map(Header::getValue).toList();
    }

    /** The body as it arrives; empty for HEAD and bodiless answers. */
    InputStream body() throws IOException {
        HttpEntity entity = response.getEntity();
        return entity == null ? InputStream.nullInputStream() : entity.getContent();
    }

    /** Reads what is left of the body so that the connection can serve the next request, then closes. */
    void discard() {
        try (InputStream in = body()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the connection is dropped instead of reused
        }
        close();
    }

    @Override
    public void close() {
        try {
            response.close();
        } catch (IOException e) {
            // nothing is left to release
        } finally {
            onClose.run();
        }
    }
}
