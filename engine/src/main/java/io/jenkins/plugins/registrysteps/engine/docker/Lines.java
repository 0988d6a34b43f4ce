package io.jenkins.plugins.registrysteps.engine.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Cuts a byte stream that arrives in arbitrary pieces into whole lines. */
final class Lines {

    private final LineSink sink;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    Lines(LineSink sink) {
        this.sink = sink;
    }

    synchronized void accept(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '\n') {
                emit();
            } else {
                pending.write(b);
            }
        }
    }

    /** The last line, when the stream ended without a line break. */
    synchronized void finish() {
        if (pending.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String line = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        sink.line(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
}
