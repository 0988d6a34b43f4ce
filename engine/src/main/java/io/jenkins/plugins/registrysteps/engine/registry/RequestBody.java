package io.jenkins.plugins.registrysteps.engine.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

/**
 * What a request sends: a length known in advance and a source opened anew for every attempt, so a retried request
 * sends the same bytes again. Bytes go out through a large buffer: blob bodies are hundreds of MiB.
 */
abstract class RequestBody {

    private static final int BUFFER = 256 * 1024;

    abstract InputStream open() throws IOException;

    abstract long length();

    static RequestBody of(byte[] bytes) {
        return new RequestBody() {
            @Override
            InputStream open() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            long length() {
                return bytes.length;
            }
        };
    }

    /** A stream of exactly {@code length} bytes; {@code source} opens it for each attempt. */
    static RequestBody stream(Source source, long length) {
        return new RequestBody() {
            @Override
            InputStream open() throws IOException {
                return source.open();
            }

            @Override
            long length() {
                return length;
            }
        };
    }

    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException;
    }

    /**
     * Bytes made as they are sent, their length unknown in advance: they go out in chunked transfer encoding, and
     * {@code content} writes them anew for every attempt.
     */
    static RequestBody produced(BlobContent content) {
        return new RequestBody() {
            @Override
            InputStream open() {
                throw new UnsupportedOperationException("a produced body is written, not read");
            }

            @Override
            long length() {
                return -1;
            }

            @Override
            AbstractHttpEntity entity(String contentType) {
                return new AbstractHttpEntity(contentType, null, true) {
                    @Override
                    public InputStream getContent() {
                        return open();
                    }

                    @Override
                    public void writeTo(OutputStream out) throws IOException {
                        content.writeTo(out);
                    }

                    @Override
                    public long getContentLength() {
                        return -1;
                    }

                    @Override
                    public boolean isStreaming() {
                        return false;
                    }

                    @Override
                    public boolean isRepeatable() {
                        return true;
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }

    /** The body as httpclient sends it: {@code Content-Length} set, the source opened when the request goes out. */
    AbstractHttpEntity entity(String contentType) {
        return new AbstractHttpEntity(contentType, null, false) {
            @Override
            public InputStream getContent() throws IOException {
                return open();
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                try (InputStream in = open()) {
                    byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(length(), 1))];
                    long left = length();
                    while (left > 0) {
                        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                        if (n < 0) {
                            throw new IOException("the body ended " + left + " bytes short of " + length());
                        }
                        out.write(buffer, 0, n);
                        left -= n;
                    }
                    // a verifying source checks its digest when it sees the end
                    if (in.read() >= 0) {
                        throw new IOException("the body is longer than " + length() + " bytes");
                    }
                }
            }

            @Override
            public long getContentLength() {
                return length();
            }

            @Override
            public boolean isStreaming() {
                return false;
            }

            @Override
            public boolean isRepeatable() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }
}
